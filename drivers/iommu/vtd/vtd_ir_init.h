/* SPDX-License-Identifier: MIT */
/*
 * Boot wiring of VT-d interrupt remapping: when the platform policy says
 * intremap=on (x86), the first DRHD unit gets queued invalidation and
 * remapping, and the remap domain "vtd-ir0" is registered on the vector
 * domain. Any failure is printed (`# vtd:` and a finding) and remapping
 * stays off; the run goes on.
 */
#ifndef DOORBELL_VTD_IR_INIT_H
#define DOORBELL_VTD_IR_INIT_H

#include "drivers/iommu/vtd/vtd_fault_domain.h"
#include "drivers/iommu/vtd/vtd_ir_domain.h"
#include "kernel/irq/irq_domain.h"

#define VTD_IR_INIT_ENTRIES 256

/* After arch_smp_init (the vector domain exists) and platform_detect. */
void vtd_ir_init(void);
/* The `# fact vtd.*` lines of interrupt remapping. */
void vtd_ir_report(void);
/* The remap domain, NULL when remapping is off. */
struct irq_domain *vtd_ir_domain_get(void);
/* Its state, for tests; NULL when off. */
struct vtd_ir_domain *vtd_ir_domain_state(void);
/* The fault event domain of the remapping unit; NULL when remapping or the interrupt is off. */
struct vtd_fault_domain *vtd_fault_domain_state(void);
/* Why remapping is off ("" when on). */
const char *vtd_ir_off_reason(void);

#endif
