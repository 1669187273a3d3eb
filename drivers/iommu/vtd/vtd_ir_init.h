/* SPDX-License-Identifier: MIT */
/*
 * Boot wiring of VT-d interrupt remapping: when the platform policy says
 * intremap=on (x86), every DRHD unit gets queued invalidation and
 * remapping, a remap domain "vtd-ir<i>" on the vector domain and its fault
 * event "vtd-fault<i>". Any failure is printed (`# vtd:` and a finding),
 * the units already up are turned off again and remapping stays off; the
 * run goes on. Which unit serves a device follows the DMAR device scopes
 * (vtd_scope.h).
 */
#ifndef DOORBELL_VTD_IR_INIT_H
#define DOORBELL_VTD_IR_INIT_H

#include "drivers/acpi/acpi_platform.h"
#include "drivers/iommu/vtd/vtd_fault_domain.h"
#include "drivers/iommu/vtd/vtd_ir_domain.h"
#include "kernel/irq/irq_domain.h"

#define VTD_IR_INIT_ENTRIES 256
#define VTD_IR_MAX_UNITS    4

/* After arch_smp_init (the vector domain exists) and platform_detect. */
void vtd_ir_init(void);
/* The `# fact vtd.*` lines of interrupt remapping. */
void vtd_ir_report(void);
/*
 * The first unit's remap domain, NULL when remapping is off (tests, report).
 * A device's MSI parent is its own unit's: vtd_ir_domain_for_rid, asked by
 * msi_dev_prepare (kernel/msi_parent.h).
 */
struct irq_domain *vtd_ir_domain_get(void);
/* Its state, for tests; NULL when off. */
struct vtd_ir_domain *vtd_ir_domain_state(void);
/* The remap domain of the unit whose device scopes cover (segment, rid); NULL when none. */
struct vtd_ir_domain *vtd_ir_domain_for_rid(uint16_t segment, uint16_t rid);
/* The fault event domain of the first unit; NULL when remapping or the interrupt is off. */
struct vtd_fault_domain *vtd_fault_domain_state(void);
/* Unit i's remap domain and the DMAR the units came from; NULL when remapping is off. */
struct vtd_ir_domain *vtd_ir_unit_domain(unsigned i);
const struct acpi_dmar *vtd_ir_dmar(void);
/*
 * The DMAR's PCI device scopes against the functions pci_init found
 * (vtd_scope_check.h), into f. After pci_init; a no-op without a DMAR.
 */
void vtd_ir_scope_check(const struct acpi_platform *a, struct findings *f);
/* Why remapping is off ("" when on). */
const char *vtd_ir_absent_reason(void);

#endif
