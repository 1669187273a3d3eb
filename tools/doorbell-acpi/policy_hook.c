/* SPDX-License-Identifier: MIT */
/*
 * kernel/policy in doorbell-acpi: the same detection, checks and policy as
 * the guest, from the tables alone (no unit registers, no CPUID unless
 * --cpuid-hypervisor says what the target's CPUID answers).
 */
#include <string.h>

#include "drivers/acpi/acpi_platform.h"
#include "kernel/console.h"
#include "kernel/policy/checks.h"
#include "kernel/policy/policy_report.h"
#include "tools/doorbell-acpi/options.h"

void doorbell_acpi_policy(const struct acpi_tables *t, const struct acpi_platform *p,
			  struct findings *f);

static enum signals_arch arch_of(const struct acpi_platform *p)
{
	const char *a = doorbell_acpi_options.arch;
	if (a)
		return !strcmp(a, "aarch64") ? SIGNALS_ARCH_AARCH64 : SIGNALS_ARCH_X86_64;
	if (p->has_iort || (p->has_madt && (p->madt.gicc_count || p->madt.its_count)))
		return SIGNALS_ARCH_AARCH64;
	/* ARM_BOOT_ARCH.PSCI_COMPLIANT (ACPI 6.5 §5.2.9.4): an arm64 FADT. */
	if (p->has_fadt && p->fadt.psci_compliant)
		return SIGNALS_ARCH_AARCH64;
	return SIGNALS_ARCH_X86_64;
}

void doorbell_acpi_policy(const struct acpi_tables *t, const struct acpi_platform *p,
			  struct findings *f)
{
	static struct platform_signals s;
	struct detect_result d;
	struct policy pol;
	signals_init(&s, arch_of(p), p, t);
	if (s.arch == SIGNALS_ARCH_X86_64 && doorbell_acpi_options.cpuid_hypervisor >= 0) {
		s.cpu.cpuid = true;
		s.cpu.hypervisor_bit = doorbell_acpi_options.cpuid_hypervisor;
	}
	policy_checks(&s, f);
	detect_platform(&s, &d);
	policy_decide(&s, &d, &pol);
	kprintf("# doorbell-acpi: detection and policy from the tables%s\n",
		s.cpu.cpuid ? " and the CPUID bit given" : " alone");
	policy_report(&s, &d, &pol);
}
