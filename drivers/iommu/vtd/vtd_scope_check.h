/* SPDX-License-Identifier: MIT */
/*
 * DMAR PCI device scopes (VT-d §8.3.1: type 0x01 PCI endpoint, 0x02 PCI
 * sub-hierarchy) against the enumerated PCI functions: a path that reaches
 * no function, and a function of the wrong kind (an endpoint scope on a
 * bridge, a sub-hierarchy scope on an endpoint). Linux's
 * dmar_insert_dev_scope makes the same comparison when it adds a device.
 *
 * Pure logic over the parsed DMAR and PCI lookups (vtd_scope.h), so the
 * host tests run it on a fake topology; the guest calls it after pci_init.
 */
#ifndef DOORBELL_VTD_SCOPE_CHECK_H
#define DOORBELL_VTD_SCOPE_CHECK_H

#include <stdint.h>

#include "drivers/acpi/acpi_dmar.h"
#include "drivers/iommu/vtd/vtd_scope.h"
#include "kernel/findings.h"

enum vtd_scope_fit {
	VTD_SCOPE_FIT_OK,
	VTD_SCOPE_FIT_NOT_PCI,    /* IOAPIC, HPET, ACPI namespace: not a PCI path */
	VTD_SCOPE_FIT_NO_DEVICE,  /* the path leads to no function */
	VTD_SCOPE_FIT_WRONG_TYPE, /* the function is not of the kind the scope type names */
};

/*
 * The verdict on one scope: scope_type its type, rid what vtd_scope_resolve
 * gave (negative: the path broke), header_type the named function's header
 * layout (bits 6:0 of config byte 0x0e; negative: no function answers
 * there), base_class its class code's base class. An endpoint scope needs
 * header layout 0; a sub-hierarchy scope a bridge layout, or layout 0 with
 * base class 06h (bridge device), which Linux also accepts (PCI NTB and
 * host bridges listed as sub-hierarchies).
 */
enum vtd_scope_fit vtd_scope_fit(uint8_t scope_type, int rid, int header_type, int base_class);

/* The function at (segment, rid): its header layout and base class, or negative when absent. */
struct vtd_scope_fn {
	int (*header_type)(void *ctx, uint16_t segment, uint16_t rid);
	int (*base_class)(void *ctx, uint16_t segment, uint16_t rid);
	void *ctx;
};

/*
 * Every PCI scope of the DRHDs, RMRRs, ATSRs, SATCs and SIDPs of d:
 * dmar.scope-type-mismatch (error) and dmar.scope-no-device (info) findings.
 */
void vtd_scope_check(const struct acpi_dmar *d, const struct vtd_scope_pci *pci,
		     const struct vtd_scope_fn *fn, struct findings *f);

#endif
