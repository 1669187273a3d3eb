/* SPDX-License-Identifier: MIT */
/*
 * Interrupt remapping on AMD, from the IVRS (AMD IOMMU spec §5.2) as Linux
 * reads it (drivers/iommu/amd/init.c): an IOMMU (IVHD) must exist and
 * every MADT I/O APIC must be named by an IOAPIC special device entry, the
 * southbridge one at 00:14.0 (check_ioapic_information); remapping runs in
 * x2APIC mode when every IOMMU's EFR image reports GASup and XTSup.
 * The IOMMU registers are not read: the verdict is the tables'.
 */
#include <stdarg.h>
#include <stdio.h>

#include "drivers/acpi/acpi_cross_ivrs.h"
#include "kernel/policy/policy.h"

__attribute__((format(printf, 2, 3))) static void say(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, POLICY_REASON_LEN, fmt, ap);
	va_end(ap);
}

void policy_decide_intremap_amd(const struct platform_signals *s, struct policy *p)
{
	const struct acpi_platform *a = s->acpi;
	p->intremap = POLICY_OFF;
	if (!a->ivrs.iommu_count) {
		say(p->intremap_reason, "IVRS without an IVHD: no IOMMU is described");
		return;
	}
	if (!a->has_madt) {
		say(p->intremap_reason, "IVRS with %u IOMMU(s) but no MADT to check the I/O APICs",
		    a->ivrs.iommu_count);
		return;
	}
	struct acpi_ivrs_ioapic_cover c;
	acpi_cross_ivrs_cover(a, &c);
	if (c.missing) {
		say(p->intremap_reason,
		    "IVRS names %u of %u I/O APICs (I/O APIC ID %u has no IOAPIC entry)",
		    c.ioapics - c.missing, c.ioapics, c.first_missing);
		return;
	}
	if (c.ioapics && !c.southbridge) {
		say(p->intremap_reason, "IVRS: no I/O APIC maps to the southbridge's 00:14.0");
		return;
	}
	p->intremap = POLICY_ON;
	say(p->intremap_reason, "IVRS: %u IOMMU(s), all %u I/O APIC(s) named (tables only)",
	    a->ivrs.iommu_count, c.ioapics);
}

bool policy_amd_applies(const struct platform_signals *s)
{
	return s->acpi && !s->acpi->has_dmar && s->acpi->has_ivrs;
}
