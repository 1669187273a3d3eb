/* SPDX-License-Identifier: MIT */
#include "kernel/msi_parent.h"

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"

struct irq_domain *irq_msi_parent(void)
{
	struct irq_domain *remap = vtd_ir_domain_get();
	return remap ? remap : arch_irq_domain();
}
