/* SPDX-License-Identifier: MIT */
#include "kernel/msi_parent.h"

#include <stdio.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/irqchip/gic_its_init.h"
#include "kernel/irq/irq_domain.h"

struct irq_domain *irq_msi_parent(void)
{
	struct irq_domain *remap = vtd_ir_domain_get();
	if (!remap)
		remap = gic_its_domain_get();
	if (remap)
		return remap;
	/* A bottom domain that composes no message (arm64 LPIs) needs a remap level. */
	struct irq_domain *d = arch_irq_domain();
	return d && d->ops->compose ? d : 0;
}

const char *irq_msi_parent_absent_reason(void)
{
	static char why[200];
	struct irq_domain *d = arch_irq_domain();
	if (!d)
		return "no interrupt domain on this platform";
	snprintf(why, sizeof(why), "the %s domain composes no MSI and there is no ITS: %s", d->name,
		 gic_its_off_reason());
	return why;
}
