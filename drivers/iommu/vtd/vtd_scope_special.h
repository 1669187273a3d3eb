/* SPDX-License-Identifier: MIT */
/*
 * The DMAR device scopes of interrupt sources that are not PCI functions
 * (VT-d §8.3.1): an IOAPIC scope (type 3) or an HPET scope (type 4) names
 * the unit that remaps the source with this enumeration id (the MADT's
 * I/O APIC ID, the HPET table's number), and its path the source-id its
 * interrupt requests carry (Linux: ir_parse_one_ioapic_scope,
 * ir_parse_one_hpet_scope). Pure logic: host-tested.
 */
#ifndef DOORBELL_VTD_SCOPE_SPECIAL_H
#define DOORBELL_VTD_SCOPE_SPECIAL_H

#include <stdint.h>

#include "drivers/acpi/acpi_dmar.h"
#include "drivers/iommu/vtd/vtd_scope.h"

struct vtd_special {
	int drhd;     /* index in d->drhd[] */
	int scope;    /* index in d->scope[] */
	uint16_t sid; /* bus << 8 | devfn at the end of the path */
};

/*
 * The scope of type (ACPI_DMAR_SCOPE_IOAPIC or _HPET) naming id, in a DRHD:
 * 0 with *out filled; -ENOENT when no DRHD scope names it; -EINVAL when its
 * path is empty, truncated or crosses a function that is not a bridge
 * (out->drhd and out->scope still say which). The path is followed from the
 * start bus through each bridge's secondary bus (pci may be NULL for a
 * one-step path).
 */
int vtd_scope_special(const struct acpi_dmar *d, uint8_t type, uint8_t id,
		      const struct vtd_scope_pci *pci, struct vtd_special *out);

/*
 * Another scope of that type in a DRHD, naming an id other than `id`: its
 * index in d->scope[], or -ENOENT (for the message that says which id the
 * table names instead).
 */
int vtd_scope_special_other(const struct acpi_dmar *d, uint8_t type, uint8_t id);

#endif
