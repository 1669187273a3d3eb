/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_scope.h"

#include <stdbool.h>

#include "kernel/errno.h"

#define VTD_SCOPE_MAX_DEPTH 32

int vtd_scope_resolve(const struct acpi_dmar_scope *s, uint16_t segment,
		      const struct vtd_scope_pci *pci)
{
	if ((s->type != ACPI_DMAR_SCOPE_PCI_ENDPOINT && s->type != ACPI_DMAR_SCOPE_PCI_BRIDGE) ||
	    !s->path_count || s->path_truncated)
		return -ENOENT;
	unsigned bus = s->start_bus;
	for (unsigned k = 0;; k++) {
		unsigned devfn = (unsigned)(s->path[k].dev & 0x1f) << 3 | (s->path[k].fn & 7);
		if (k + 1 == s->path_count)
			return (int)(bus << 8 | devfn);
		/* §8.3.1: every element but the last is a bridge; the next one sits on its secondary bus. */
		int sec = pci->secondary_bus(pci->ctx, segment, (uint8_t)bus, (uint8_t)devfn);
		if (sec < 0)
			return -ENOENT;
		bus = (unsigned)sec;
	}
}

/* The function itself matches either kind of scope; an upstream bridge only a sub-hierarchy scope. */
static bool vtd_scope_covers(const struct acpi_dmar *d, const struct acpi_dmar_drhd *u,
			     uint16_t rid, const struct vtd_scope_pci *pci)
{
	for (unsigned i = 0; i < u->scopes.count; i++) {
		unsigned idx = u->scopes.first + i;
		if (idx >= d->scope_count)
			break;
		const struct acpi_dmar_scope *s = &d->scope[idx];
		int named = vtd_scope_resolve(s, u->segment, pci);
		if (named < 0)
			continue;
		if (named == rid)
			return true;
		if (s->type != ACPI_DMAR_SCOPE_PCI_BRIDGE)
			continue;
		int r = rid;
		for (unsigned depth = 0; depth < VTD_SCOPE_MAX_DEPTH; depth++) {
			r = pci->upstream(pci->ctx, u->segment, (uint8_t)(r >> 8));
			if (r < 0)
				break;
			if (r == named)
				return true;
		}
	}
	return false;
}

int vtd_drhd_for_rid(const struct acpi_dmar *d, uint16_t segment, uint16_t rid,
		     const struct vtd_scope_pci *pci)
{
	for (unsigned i = 0; i < d->drhd_count; i++) {
		const struct acpi_dmar_drhd *u = &d->drhd[i];
		if (u->segment == segment && !(u->flags & ACPI_DMAR_DRHD_INCLUDE_PCI_ALL) &&
		    vtd_scope_covers(d, u, rid, pci))
			return (int)i;
	}
	/* §8.3: the INCLUDE_PCI_ALL unit takes what no other unit of its segment names. */
	for (unsigned i = 0; i < d->drhd_count; i++)
		if (d->drhd[i].segment == segment &&
		    (d->drhd[i].flags & ACPI_DMAR_DRHD_INCLUDE_PCI_ALL))
			return (int)i;
	return -ENODEV;
}
