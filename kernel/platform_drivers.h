/* SPDX-License-Identifier: MIT */
/*
 * The platform drivers of this image, as kernel/ reaches them. The arch is
 * chosen at build time: the Makefile links one arch's drivers (x86_64: VT-d
 * interrupt remapping; aarch64: the GICv3 ITS and the SMMUv3) and that arch
 * provides the table (arch_platform_drivers, arch/hooks.h). kernel/ never
 * asks which arch it runs on.
 *
 *	const struct platform_drivers *d = &arch_platform_drivers;
 *	d->remap_init();                       // after arch_smp_init
 *	struct irq_domain *parent = d->remap_domain();
 */
#ifndef DOORBELL_PLATFORM_DRIVERS_H
#define DOORBELL_PLATFORM_DRIVERS_H

#include "drivers/acpi/acpi_platform.h"
#include "kernel/policy/signals.h"

struct irq_domain;

/* Interrupt sources that are no PCI function. */
enum platform_irq_source {
	PLATFORM_IRQ_SOURCE_IOAPIC,
	PLATFORM_IRQ_SOURCE_HPET,
};

/* A need of the guest tests (DTEST_NEED_*) that one of the arch's drivers serves. */
struct platform_driver_need {
	unsigned need;
	/* NULL when present, else why not (the SKIP reason). */
	const char *(*absent_reason)(void);
};

struct platform_drivers {
	enum signals_arch signals_arch; /* the rules kernel/policy decides by */
	unsigned dtest_arch;            /* DTEST_ARCH_* of this image */
	/*
	 * Read every interrupt-remapping unit the tables name (VT-d DRHDs, MADT
	 * ITSs) into s for detection, aborts caught.
	 */
	void (*probe_units)(struct platform_signals *s, const struct acpi_platform *a);
	/*
	 * Keeps the memory the tables give devices for DMA out of the page
	 * allocator (VT-d: the DMAR's RMRRs), right after the tables are parsed
	 * and before probe_units. NULL: none (the SMMUv3 claims its RMR ranges
	 * as it installs them, in iommu_init).
	 */
	void (*claim_dma_ranges)(const struct acpi_platform *a, struct findings *f);
	/* Interrupt remapping on the bottom domain: after arch_smp_init; off (and why) on any failure. */
	void (*remap_init)(void);
	/* Its `# fact` lines. */
	void (*remap_report)(void);
	/* The remap domain MSI parents sit on; NULL when remapping is off. */
	struct irq_domain *(*remap_domain)(void);
	/* The remap domain of one requester id (VT-d: the unit whose scope holds it); NULL: none. */
	struct irq_domain *(*remap_domain_for)(uint16_t segment, uint16_t rid);
	/*
	 * The remap domain of an interrupt source that is no PCI function (x86:
	 * the I/O APIC with ACPI id `id`, the HPET with number `id`), *sid the
	 * source-id its requests carry: NULL with *why "" when remapping is off,
	 * NULL with *why when it is on but cannot take the source (no DMAR scope
	 * names it). NULL entry: no such sources in this image.
	 */
	struct irq_domain *(*remap_domain_source)(enum platform_irq_source src, uint8_t id,
						  uint16_t *sid, const char **why);
	/* Why remap_domain() is NULL ("" when it is not). */
	const char *(*remap_absent_reason)(void);
	/* The IOMMU of the devices' DMA, after pci_init (NULL: none in this image). */
	void (*iommu_init)(void);
	/* Its `# fact` lines (NULL: none). */
	void (*iommu_report)(void);
	/*
	 * Findings that need the tables and the PCI functions, after pci_init
	 * (x86: the DMAR's device scopes against the functions); NULL: none.
	 */
	void (*pci_checks)(const struct acpi_platform *a, struct findings *f);
	/* The test needs the drivers above serve, ending with need 0. */
	const struct platform_driver_need *needs;
};

#endif
