/* SPDX-License-Identifier: MIT */
/*
 * The hook where kernel/policy plugs into doorbell-acpi: it receives the
 * tables and everything the ACPI parsers found (the same acpi_platform the
 * guest builds) and prints the policy's `# fact` lines and verdict, adding
 * findings if the policy has any. Until kernel/policy provides its
 * evaluation, it prints only the inputs the policy will read.
 */
#include "drivers/acpi/acpi_platform.h"
#include "kernel/console.h"

void doorbell_acpi_policy(const struct acpi_tables *t, const struct acpi_platform *p,
			  struct findings *f);

void doorbell_acpi_policy(const struct acpi_tables *t, const struct acpi_platform *p,
			  struct findings *f)
{
	(void)t;
	(void)f;
	kprintf("# fact policy.input.dmar_present=%u\n", p->has_dmar);
	kprintf("# fact policy.input.dmar_experimental_ims_opt_in=%u\n",
		acpi_platform_dmar_ims_opt_in(p));
	kprintf("# fact policy.input.fadt_hypervisor_vendor=%s\n",
		p->has_fadt && p->fadt.hv_status == ACPI_FADT_HV_PRESENT ? p->fadt.hypervisor_vendor
									 : "none");
}
