/* SPDX-License-Identifier: MIT */
#include "kernel/msi_parent.h"

#include <stdio.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/irqchip/gic_its_init.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/irq/irq_domain.h"
#include "kernel/platform.h"

/*
 * The platform policy (docs/architecture.md, "The opt-in rule") attached to the MSI parent: IMS only where
 * the opt-in rule allows it, or in forced mode (a demonstration).
 */
static int msi_parent_gate(uint32_t feature, const char **reason)
{
	if (feature != IRQ_FEATURE_IMS)
		return 0;
	const struct policy *p = &platform_get()->policy;
	if (policy_ims_may_create(p))
		return 0;
	*reason = p->ims_reason;
	return -EOPNOTSUPP;
}

struct irq_domain *irq_msi_parent(void)
{
	struct irq_domain *d = vtd_ir_domain_get();
	if (!d)
		d = gic_its_domain_get();
	/* A bottom domain that composes no message (arm64 LPIs) needs a remap level. */
	if (!d) {
		d = arch_irq_domain();
		if (d && !d->ops->compose)
			d = 0;
	}
	if (d && d->gate != msi_parent_gate)
		irq_domain_set_gate(d, msi_parent_gate);
	return d;
}

const char *irq_msi_parent_absent_reason(void)
{
	static char why[200];
	struct irq_domain *d = arch_irq_domain();
	if (!d)
		return "no interrupt domain on this platform";
	snprintf(why, sizeof(why), "the %s domain composes no MSI and there is no ITS: %s", d->name,
		 gic_its_absent_reason());
	return why;
}

bool irq_msi_parent_ims_demonstration(void)
{
	const struct policy *p = &platform_get()->policy;
	return p->ims == POLICY_IMS_REFUSED && p->ims_forced;
}
