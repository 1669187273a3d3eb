/* SPDX-License-Identifier: MIT */
/* Detection and policy in the guest: gathers the signals, then kernel/policy decides. */
#include <stdlib.h>
#include <string.h>

#include "arch/hooks.h"
#include "drivers/acpi/acpi_memmap_check.h"
#include "drivers/acpi/acpi_print.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/kernel.h"
#include "kernel/platform.h"
#include "kernel/platform_drivers.h"
#include "kernel/policy/checks.h"
#include "kernel/policy/policy_report.h"
#include "kernel/report.h"

void platform_detect(void)
{
	struct platform *p = platform_get();
	struct acpi_platform *a = &p->parsed;
	const struct platform_drivers *drv = &arch_platform_drivers;
	acpi_platform_init(a);
	const char *bit = config_get("ims_bit");
	if (bit) {
		unsigned long v = strtoul(bit, 0, 0);
		if (v <= 7)
			a->dmar_ims_bit = (unsigned)v;
		else
			kprintf("# config: ims_bit=%s is not 0-7; bit %u kept\n", bit,
				a->dmar_ims_bit);
	}
	if (p->have_acpi) {
		acpi_platform_parse(a, &p->acpi, &p->findings);
		/* RMRRs and RMR ranges against the map the boot stage handed over. */
		const struct boot_info *bi = kernel_boot_info();
		if (bi)
			acpi_memmap_check(a, bi->regions, bi->region_count, &p->findings);
		/* As early as they are known: before anything later allocates there. */
		if (drv->claim_dma_ranges)
			drv->claim_dma_ranges(a, &p->findings);
	}

	struct platform_signals *s = &p->signals;
	signals_init(s, drv->signals_arch, p->have_acpi ? a : 0, p->have_acpi ? &p->acpi : 0);
	arch_cpu_signals(&s->cpu);
	if (p->have_acpi)
		drv->probe_units(s, a);
	const char *ims = config_get("ims");
	s->ims_forced = ims && !strcmp(ims, "force");
	policy_checks(s, &p->findings);
	detect_platform(s, &p->detect);
	policy_decide(s, &p->detect, &p->policy);
}

static bool acpi_dump_on(void)
{
	const char *v = config_get_or("acpi_dump", "on");
	return strcmp(v, "off") && strcmp(v, "0") && strcmp(v, "no") && strcmp(v, "false");
}

void platform_report(void)
{
	struct platform *p = platform_get();
	if (p->have_acpi) {
		acpi_print_table_facts(&p->acpi);
		if (acpi_dump_on()) {
			kputs("# acpi dump (acpidump format; `acpixtract -a` reads it back):\n");
			acpi_print_dump_all(&p->acpi);
		}
	}
	acpi_print_facts(&p->parsed);
	policy_report(&p->signals, &p->detect, &p->policy);
}
