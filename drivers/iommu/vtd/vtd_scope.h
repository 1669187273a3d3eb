/* SPDX-License-Identifier: MIT */
/*
 * Which DRHD unit remaps a PCI function (VT-d 3.x §8.3, §8.3.1; Linux's
 * dmar_find_matched_drhd_unit): a unit whose device scopes name the
 * function (PCI endpoint scope) or the function or one of its upstream
 * bridges (PCI sub-hierarchy scope); otherwise the INCLUDE_PCI_ALL unit of
 * its segment, whatever the order of the units in the table. A scope's path
 * is resolved from its start bus through the bridges' secondary buses.
 *
 * Pure logic over the parsed DMAR and two PCI lookups: host-tested with
 * synthetic and real tables (tests/host/vtd/test_vtd_scope.c).
 */
#ifndef DOORBELL_VTD_SCOPE_H
#define DOORBELL_VTD_SCOPE_H

#include <stdint.h>

#include "drivers/acpi/acpi_dmar.h"

struct vtd_scope_pci {
	/* Secondary bus of the bridge at (segment, bus, devfn); negative when there is none. */
	int (*secondary_bus)(void *ctx, uint16_t segment, uint8_t bus, uint8_t devfn);
	/* Requester id of the bridge whose secondary bus is bus; negative at a root bus. */
	int (*upstream)(void *ctx, uint16_t segment, uint8_t bus);
	void *ctx;
};

/*
 * The requester id a PCI scope names (bus << 8 | devfn), or -ENOENT when
 * its path crosses a function that is not a bridge, is truncated, or the
 * scope is not a PCI endpoint / sub-hierarchy scope.
 */
int vtd_scope_resolve(const struct acpi_dmar_scope *s, uint16_t segment,
		      const struct vtd_scope_pci *pci);

/* Index in d->drhd[] of the unit for the function (segment, rid), or -ENODEV when none covers it. */
int vtd_drhd_for_rid(const struct acpi_dmar *d, uint16_t segment, uint16_t rid,
		     const struct vtd_scope_pci *pci);

#endif
