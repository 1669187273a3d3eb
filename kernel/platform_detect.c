/* SPDX-License-Identifier: MIT */
/* Detection and policy in the guest: gathers the signals, then kernel/policy decides. */
#include <stdlib.h>
#include <string.h>

#include "arch/hooks.h"
#include "drivers/acpi/acpi_print.h"
#include "drivers/iommu/vtd/vtd_probe.h"
#include "drivers/irqchip/gic_its_probe.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/platform.h"
#include "kernel/policy/checks.h"
#include "kernel/policy/policy_report.h"
#include "kernel/report.h"

static void read_vtd_units(struct platform_signals *s, const struct acpi_platform *a)
{
	if (s->arch != SIGNALS_ARCH_X86_64 || !a->has_dmar)
		return;
	s->vtd_read = true;
	for (unsigned i = 0; i < a->dmar.drhd_count && s->vtd_count < SIGNALS_MAX_VTD; i++) {
		struct signals_vtd_unit *u = &s->vtd[s->vtd_count++];
		struct vtd_unit_id id;
		u->base = a->dmar.drhd[i].reg_base;
		/* A base of 0 is a firmware bug already reported by the parser: do not read RAM. */
		if (!u->base || vtd_probe_unit(u->base, &id))
			continue;
		u->answered = true;
		u->ver = id.ver;
		u->cap = id.cap;
		u->ecap = id.ecap;
	}
}

static void probe_its(struct platform_signals *s, const struct acpi_platform *a)
{
	if (s->arch != SIGNALS_ARCH_AARCH64 || !a->has_madt)
		return;
	s->its_read = true;
	for (unsigned i = 0; i < a->madt.its_count && s->its_count < SIGNALS_MAX_ITS; i++) {
		struct signals_its *its = &s->its[s->its_count++];
		struct gic_its_id id;
		its->base = a->madt.its[i].base;
		its->madt_offset = a->madt.its[i].offset;
		if (!its->base || gic_its_probe(its->base, &id))
			continue;
		its->answered = true;
		its->iidr = id.iidr;
		its->typer = id.typer;
	}
}

void platform_detect(void)
{
	struct platform *p = platform_get();
	struct acpi_platform *a = &p->parsed;
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
	if (p->have_acpi)
		acpi_platform_parse(a, &p->acpi, &p->findings);

	struct platform_signals *s = &p->signals;
	enum signals_arch arch =
		!strcmp(arch_name, "x86_64") ? SIGNALS_ARCH_X86_64 : SIGNALS_ARCH_AARCH64;
	signals_init(s, arch, p->have_acpi ? a : 0, p->have_acpi ? &p->acpi : 0);
	arch_cpu_signals(&s->cpu);
	if (p->have_acpi) {
		read_vtd_units(s, a);
		probe_its(s, a);
	}
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
