/* SPDX-License-Identifier: MIT */
/* The platform drivers of the x86_64 image: VT-d interrupt remapping, RMRRs kept; no DMA IOMMU. */
#include "arch/hooks.h"
#include "drivers/acpi/acpi_dmar.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/iommu/vtd/vtd_ir_special.h"
#include "drivers/iommu/vtd/vtd_probe.h"
#include "drivers/iommu/vtd/vtd_rmrr.h"
#include "kernel/platform_drivers.h"
#include "kernel/test/dtest.h"

static const char *x86_iommu_absent_reason(void)
{
	return vtd_ir_domain_get() ? 0 : vtd_ir_absent_reason();
}

static struct irq_domain *x86_remap_domain_for(uint16_t segment, uint16_t rid)
{
	struct vtd_ir_domain *vd = vtd_ir_domain_for_rid(segment, rid);
	return vd ? &vd->domain : 0;
}

static struct irq_domain *x86_remap_domain_source(enum platform_irq_source src, uint8_t id,
						  uint16_t *sid, const char **why)
{
	uint8_t type =
		src == PLATFORM_IRQ_SOURCE_HPET ? ACPI_DMAR_SCOPE_HPET : ACPI_DMAR_SCOPE_IOAPIC;
	return vtd_ir_special_domain(type, id, sid, why);
}

static const char *x86_wired_absent_reason(void)
{
	return arch_wired_irq_domain()
		       ? 0
		       : "no wired interrupt domain on x86_64 (the I/O APIC is a bus "
			 "domain)";
}

static void x86_remap_report(void)
{
	vtd_rmrr_report();
	vtd_ir_report();
}

static const struct platform_driver_need x86_needs[] = {
	{DTEST_NEED_IOMMU, x86_iommu_absent_reason},
	{DTEST_NEED_WIRED, x86_wired_absent_reason},
	{0, 0},
};

const struct platform_drivers arch_platform_drivers = {
	.signals_arch = SIGNALS_ARCH_X86_64,
	.dtest_arch = DTEST_ARCH_X86_64,
	.claim_dma_ranges = vtd_rmrr_claim,
	.probe_units = vtd_probe_signals,
	.remap_init = vtd_ir_init,
	.remap_report = x86_remap_report,
	.remap_domain = vtd_ir_domain_get,
	.remap_domain_for = x86_remap_domain_for,
	.remap_domain_source = x86_remap_domain_source,
	.remap_absent_reason = vtd_ir_absent_reason,
	.pci_checks = vtd_ir_scope_check,
	.needs = x86_needs,
};
