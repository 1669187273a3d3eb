/* SPDX-License-Identifier: MIT */
#include "kernel/test/dtest_needs.h"

#include <stdio.h>

#include "arch/hooks.h"
#include "drivers/pci/pci.h"
#include "kernel/platform.h"
#include "kernel/platform_drivers.h"
#include "kernel/report.h"

/* The needs only a platform driver serves; an image without that driver has none of them. */
#define DTEST_NEEDS_DRIVER (DTEST_NEED_IOMMU | DTEST_NEED_ITS | DTEST_NEED_SMMU | DTEST_NEED_WIRED)

/*
 * The MSI-X test device the msix.* tests drive: igb when present (QEMU 8.0+,
 * exact counts), else e1000e (tests/guest/irqtest_dev.c makes the same choice).
 */
static void dtest_needs_msix_device(struct dtest_platform *p)
{
	static char why[256];
	const char *igb = pci_absent_reason(PCI_VENDOR_INTEL, PCI_DEVICE_IGB);
	const char *e1000e = pci_absent_reason(PCI_VENDOR_INTEL, PCI_DEVICE_E1000E);
	fact("msix.device", "%s", !igb ? "igb" : !e1000e ? "e1000e" : "none");
	if (!igb || !e1000e)
		return;
	snprintf(why, sizeof(why), "no MSI-X test device (igb or e1000e): %s; %s", igb, e1000e);
	dtest_platform_absent(p, DTEST_NEED_MSIX_DEV, why);
}

/* What the arch's drivers serve, each with its reason; the others are not in this image. */
static void dtest_needs_drivers(struct dtest_platform *p)
{
	unsigned served = 0;
	for (const struct platform_driver_need *n = arch_platform_drivers.needs; n->need; n++) {
		served |= n->need;
		const char *why = n->absent_reason();
		if (why)
			dtest_platform_absent(p, n->need, why);
	}
	for (unsigned rest = DTEST_NEEDS_DRIVER & ~served; rest; rest &= rest - 1)
		dtest_platform_absent(p, rest & -rest,
				      "not on this arch (no driver for it in this image)");
}

void dtest_needs_fill(struct dtest_platform *p)
{
	const struct platform *plat = platform_get();
	/* Everything present first, then each absent need with its reason. */
	p->have = DTEST_NEED_ACPI | DTEST_NEED_REFCLOCK | DTEST_NEED_EDU | DTEST_NEED_MSIX_DEV |
		  DTEST_NEEDS_DRIVER;
	if (!plat->have_acpi)
		dtest_platform_absent(p, DTEST_NEED_ACPI,
				      "the firmware gave no usable ACPI tables");
	if (!arch_refclock())
		dtest_platform_absent(p, DTEST_NEED_REFCLOCK, "no second clock on this platform");
	const char *why = pci_absent_reason(PCI_VENDOR_QEMU, PCI_DEVICE_EDU);
	if (why)
		dtest_platform_absent(p, DTEST_NEED_EDU, why);
	dtest_needs_msix_device(p);
	dtest_needs_drivers(p);
}
