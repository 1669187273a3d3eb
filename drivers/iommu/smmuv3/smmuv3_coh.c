/* SPDX-License-Identifier: MIT */
/*
 * Cache maintenance for a unit whose table and queue accesses do not snoop
 * the CPU's caches (SMMU_IDR0.COHACC = 0, IHI 0070 §6.3.1): the CPU makes
 * its writes reach the point of coherency, and drops stale lines before it
 * reads what the unit wrote. A coherent unit needs neither.
 */
#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3.h"

void smmuv3_coh_publish(const struct smmuv3 *s, const void *p, uint64_t len)
{
	if (smmuv3_caps_must_clean(&s->caps))
		arch_dcache_clean(p, len);
}

void smmuv3_coh_fetch(const struct smmuv3 *s, const void *p, uint64_t len)
{
	if (smmuv3_caps_must_clean(&s->caps))
		arch_dcache_clean_inval(p, len);
}
