/* SPDX-License-Identifier: MIT */
/* The platform drivers of the aarch64 image: the GICv3 ITS, and the SMMUv3 for DMA. */
#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/irqchip/gic_its_init.h"
#include "drivers/irqchip/gic_its_probe.h"
#include "kernel/platform_drivers.h"
#include "kernel/test/dtest.h"

static const char *aarch64_its_absent_reason(void)
{
	return gic_its_domain_get() ? 0 : gic_its_absent_reason();
}

static const char *aarch64_smmu_absent_reason(void)
{
	return smmuv3_get() ? 0 : smmuv3_absent_reason();
}

/* One ITS serves every requester id the IORT maps to it (the IORT gives the DeviceID). */
static struct irq_domain *aarch64_remap_domain_for(uint16_t segment, uint16_t rid)
{
	(void)segment;
	(void)rid;
	return gic_its_domain_get();
}

static const char *aarch64_wired_absent_reason(void)
{
	return arch_wired_irq_domain() ? 0 : "no GICv3 SPI domain";
}

static const struct platform_driver_need aarch64_needs[] = {
	{DTEST_NEED_ITS, aarch64_its_absent_reason},
	{DTEST_NEED_SMMU, aarch64_smmu_absent_reason},
	{DTEST_NEED_WIRED, aarch64_wired_absent_reason},
	{0, 0},
};

const struct platform_drivers arch_platform_drivers = {
	.signals_arch = SIGNALS_ARCH_AARCH64,
	.dtest_arch = DTEST_ARCH_AARCH64,
	.probe_units = gic_its_probe_signals,
	.remap_init = gic_its_init,
	.remap_report = gic_its_report,
	.remap_domain = gic_its_domain_get,
	.remap_domain_for = aarch64_remap_domain_for,
	.remap_absent_reason = gic_its_absent_reason,
	.iommu_init = smmuv3_init,
	.iommu_report = smmuv3_report,
	.needs = aarch64_needs,
};
