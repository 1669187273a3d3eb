/* SPDX-License-Identifier: MIT */
/*
 * --coverage on x86: the DRHD of each requester id (VT-d spec §8.3: a unit
 * whose device scope names the id, else the segment's INCLUDE_PCI_ALL
 * unit) and the second unit that claims it, if any.
 */
#include <string.h>

#include "drivers/iommu/vtd/vtd_scope.h"
#include "kernel/errno.h"
#include "tools/doorbell-acpi/coverage.h"

/* No PCI topology on the host: no bridge has a known secondary bus. */
static int no_secondary(void *ctx, uint16_t segment, uint8_t bus, uint8_t devfn)
{
	return -1;
}

static int no_upstream(void *ctx, uint16_t segment, uint8_t bus)
{
	return -1;
}

static const struct vtd_scope_pci no_topology = {no_secondary, no_upstream, NULL};

/* The first two units claiming each id of the segment, in table order; -1 for none. */
static int16_t claim1[65536], claim2[65536];

static void claim(unsigned rid, int unit)
{
	if (claim1[rid] < 0)
		claim1[rid] = (int16_t)unit;
	else if (claim2[rid] < 0 && claim1[rid] != unit)
		claim2[rid] = (int16_t)unit;
}

static void claims_for_segment(const struct acpi_dmar *d, uint16_t segment)
{
	memset(claim1, 0xff, sizeof(claim1));
	memset(claim2, 0xff, sizeof(claim2));
	for (unsigned i = 0; i < d->drhd_count; i++) {
		const struct acpi_dmar_drhd *u = &d->drhd[i];
		if (u->segment != segment || (u->flags & ACPI_DMAR_DRHD_INCLUDE_PCI_ALL))
			continue;
		for (unsigned k = 0; k < u->scopes.count && u->scopes.first + k < d->scope_count;
		     k++) {
			int rid = vtd_scope_resolve(&d->scope[u->scopes.first + k], segment,
						    &no_topology);
			if (rid >= 0)
				claim((unsigned)rid, (int)i);
		}
	}
	/* §8.3: the INCLUDE_PCI_ALL unit takes every id no scope names. */
	int all1 = -1, all2 = -1;
	for (unsigned i = 0; i < d->drhd_count; i++)
		if (d->drhd[i].segment == segment &&
		    (d->drhd[i].flags & ACPI_DMAR_DRHD_INCLUDE_PCI_ALL)) {
			if (all1 < 0)
				all1 = (int)i;
			else if (all2 < 0)
				all2 = (int)i;
		}
	for (unsigned rid = 0; rid < 65536; rid++)
		if (claim1[rid] < 0) {
			claim1[rid] = (int16_t)all1;
			claim2[rid] = (int16_t)all2;
		}
}

void coverage_vtd(const struct acpi_dmar *d, uint16_t segment, uint8_t bus_lo, uint8_t bus_hi)
{
	claims_for_segment(d, segment);
	for (unsigned rid = (unsigned)bus_lo << 8; rid <= ((unsigned)bus_hi << 8 | 0xff); rid++) {
		struct coverage_run one = {
			.segment = segment,
			.lo = (uint16_t)rid,
			.hi = (uint16_t)rid,
			.err = claim1[rid] < 0 ? -ENODEV : 0,
			.unit = claim1[rid],
			.second = claim2[rid],
			.smmu_node = ACPI_IORT_NO_NODE,
			.its_node = ACPI_IORT_NO_NODE,
			.sid = rid, /* the remapping source-id is the requester id */
			.did = rid,
		};
		coverage_add(&one);
	}
}
