/* SPDX-License-Identifier: MIT */
#include "kernel/policy/checks.h"

static const struct finding_check check_unit_silent = {
	"dmar.unit-no-answer",
	"\"DMAR: [Firmware Bug]: Your BIOS is broken; DMAR reported at address ... returns all "
	"ones!\"; the kernel is tainted (TAINT_FIRMWARE_WORKAROUND, 'I'); the unit is ignored",
	0};
static const struct finding_check check_ir_without_ecap = {
	"dmar.intr-remap-without-ecap-ir",
	"remapping is not prepared when any unit lacks ECAP.IR, without a message of its own: no "
	"remapping, and on bare metal no x2APIC",
	0};
static const struct finding_check check_opt_out_with_eim = {
	"dmar.x2apic-opt-out-with-eim",
	"\"DMAR-IR: x2apic is disabled because BIOS sets x2apic opt out bit.\" and \"DMAR-IR: "
	"Use 'intremap=no_x2apic_optout' to override the BIOS setting.\"",
	"intremap=no_x2apic_optout"};
static const struct finding_check check_its_silent = {"madt.its-no-answer", 0, 0};

static uint32_t drhd_offset(const struct acpi_platform *a, uint64_t base)
{
	for (unsigned i = 0; a && i < a->dmar.drhd_count; i++)
		if (a->dmar.drhd[i].reg_base == base)
			return a->dmar.drhd[i].offset;
	return FINDING_NO_OFFSET;
}

static void check_vtd(const struct platform_signals *s, struct findings *f)
{
	const struct acpi_platform *a = s->acpi;
	if (!s->vtd_read || !a || !a->has_dmar)
		return;
	bool intr_remap = a->dmar.flags & ACPI_DMAR_INTR_REMAP;
	bool opt_out = a->dmar.flags & ACPI_DMAR_X2APIC_OPT_OUT;
	bool eim = false;
	for (unsigned i = 0; i < s->vtd_count; i++) {
		const struct signals_vtd_unit *u = &s->vtd[i];
		uint32_t off = drhd_offset(a, u->base);
		if (!u->answered) {
			finding_add_check(
				f, &check_unit_silent, FINDING_ERROR, "DMAR", off,
				"DRHD register base 0x%llx: the unit's registers do not answer "
				"(read aborted, all ones or version 0.0)",
				(unsigned long long)u->base);
			continue;
		}
		if (intr_remap && !(u->ecap & VTD_ECAP_IR))
			finding_add_check(
				f, &check_ir_without_ecap, FINDING_ERROR, "DMAR",
				ACPI_DMAR_FLAGS_OFFSET,
				"INTR_REMAP is set but the unit at 0x%llx reports ECAP.IR = 0 "
				"(ECAP 0x%llx)",
				(unsigned long long)u->base, (unsigned long long)u->ecap);
		if (u->ecap & VTD_ECAP_EIM)
			eim = true;
	}
	/* VT-d §8.1: opting out is legitimate, but with EIM x2APIC could be used. */
	if (opt_out && eim)
		finding_add_check(f, &check_opt_out_with_eim, FINDING_INFO, "DMAR",
				  ACPI_DMAR_FLAGS_OFFSET,
				  "X2APIC_OPT_OUT is set while the remapping hardware supports EIM "
				  "(x2APIC destinations)");
}

static void check_its(const struct platform_signals *s, struct findings *f)
{
	if (!s->its_read)
		return;
	for (unsigned i = 0; i < s->its_count; i++) {
		const struct signals_its *its = &s->its[i];
		if (!its->answered)
			finding_add_check(
				f, &check_its_silent, FINDING_ERROR, "APIC", its->madt_offset,
				"GIC ITS at 0x%llx: its registers do not answer (GITS_IIDR "
				"read aborted); the MADT describes an ITS that is not there",
				(unsigned long long)its->base);
	}
}

void policy_checks(const struct platform_signals *s, struct findings *f)
{
	check_vtd(s, f);
	check_its(s, f);
}
