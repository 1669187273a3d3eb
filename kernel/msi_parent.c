/* SPDX-License-Identifier: MIT */
#include "kernel/msi_parent.h"

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/platform.h"

/*
 * The platform policy (DESIGN §3) attached to the MSI parent: IMS only where
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
	struct irq_domain *remap = vtd_ir_domain_get();
	struct irq_domain *d = remap ? remap : arch_irq_domain();
	if (d && d->gate != msi_parent_gate)
		irq_domain_set_gate(d, msi_parent_gate);
	return d;
}

bool irq_msi_parent_ims_demonstration(void)
{
	const struct policy *p = &platform_get()->policy;
	return p->ims == POLICY_IMS_REFUSED && p->ims_forced;
}
