/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_scope_special.h"

#include "kernel/errno.h"

static int vtd_special_path(const struct acpi_dmar_scope *s, uint16_t segment,
			    const struct vtd_scope_pci *pci, uint16_t *sid)
{
	if (!s->path_count || s->path_truncated)
		return -EINVAL;
	unsigned bus = s->start_bus;
	for (unsigned i = 0; i + 1 < s->path_count; i++) {
		uint8_t devfn = (uint8_t)(s->path[i].dev << 3 | s->path[i].fn);
		int sec = pci ? pci->secondary_bus(pci->ctx, segment, (uint8_t)bus, devfn) : -1;
		if (sec < 0)
			return -EINVAL;
		bus = (unsigned)sec;
	}
	const struct acpi_dmar_path *last = &s->path[s->path_count - 1];
	*sid = (uint16_t)(bus << 8 | last->dev << 3 | last->fn);
	return 0;
}

int vtd_scope_special(const struct acpi_dmar *d, uint8_t type, uint8_t id,
		      const struct vtd_scope_pci *pci, struct vtd_special *out)
{
	for (unsigned u = 0; u < d->drhd_count; u++) {
		const struct acpi_dmar_scopes *r = &d->drhd[u].scopes;
		for (unsigned k = r->first; k < (unsigned)r->first + r->count && k < d->scope_count;
		     k++) {
			const struct acpi_dmar_scope *s = &d->scope[k];
			if (s->type != type || s->enumeration_id != id)
				continue;
			out->drhd = (int)u;
			out->scope = (int)k;
			out->sid = 0;
			return vtd_special_path(s, d->drhd[u].segment, pci, &out->sid);
		}
	}
	return -ENOENT;
}

int vtd_scope_special_other(const struct acpi_dmar *d, uint8_t type, uint8_t id)
{
	for (unsigned k = 0; k < d->scope_count; k++)
		if (d->scope[k].owner_type == ACPI_DMAR_TYPE_DRHD && d->scope[k].type == type &&
		    d->scope[k].enumeration_id != id)
			return (int)k;
	return -ENOENT;
}
