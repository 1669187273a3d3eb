/* SPDX-License-Identifier: MIT */
#include "kernel/policy/policy.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *policy_ims_name(enum policy_ims ims)
{
	switch (ims) {
	case POLICY_IMS_NATIVE: return "native";
	case POLICY_IMS_REMAPPED: return "remapped";
	default: return "refused";
	}
}

const char *policy_switch_name(enum policy_switch sw)
{
	switch (sw) {
	case POLICY_ON: return "on";
	case POLICY_OFF: return "off";
	default: return "none";
	}
}

__attribute__((format(printf, 2, 3))) static void say(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, POLICY_REASON_LEN, fmt, ap);
	va_end(ap);
}

bool policy_virt_supports_ims(const struct platform_signals *s)
{
	/* No hypervisor feature bit for IMS exists today: only the DMAR bit. */
	return s->acpi && acpi_platform_dmar_ims_opt_in(s->acpi);
}

bool policy_ims_may_create(const struct policy *p)
{
	return p->ims != POLICY_IMS_REFUSED || p->ims_forced;
}

/*
 * x86 interrupt remapping: the DMAR must offer it (flags bit 0, VT-d 3.4
 * §8.1) and every unit must implement it (ECAP.IR, §11.4.3); like Linux,
 * one unit without it turns it off, since its devices could not be remapped.
 */
static void decide_intremap_x86(const struct platform_signals *s, struct policy *p)
{
	const struct acpi_platform *a = s->acpi;
	p->intremap = POLICY_OFF;
	if (!a || !a->has_dmar) {
		say(p->intremap_reason, "no DMAR table: no remapping hardware is described");
		return;
	}
	if (!(a->dmar.flags & ACPI_DMAR_INTR_REMAP)) {
		say(p->intremap_reason, "DMAR flags bit 0 (INTR_REMAP) is clear");
		return;
	}
	if (!a->dmar.drhd_count) {
		say(p->intremap_reason, "DMAR INTR_REMAP is set but the table lists no DRHD unit");
		return;
	}
	if (!s->vtd_read) {
		p->intremap = POLICY_ON;
		say(p->intremap_reason,
		    "DMAR INTR_REMAP set, %u unit(s) (tables only: ECAP.IR not read)",
		    a->dmar.drhd_count);
		return;
	}
	for (unsigned i = 0; i < s->vtd_count; i++) {
		const struct signals_vtd_unit *u = &s->vtd[i];
		if (!u->answered) {
			say(p->intremap_reason, "unit 0x%llx: registers do not answer",
			    (unsigned long long)u->base);
			return;
		}
		if (!(u->ecap & VTD_ECAP_IR)) {
			say(p->intremap_reason,
			    "DMAR INTR_REMAP set but unit 0x%llx has ECAP.IR = 0",
			    (unsigned long long)u->base);
			return;
		}
	}
	p->intremap = POLICY_ON;
	say(p->intremap_reason, "DMAR INTR_REMAP set and %u of %u unit(s) report ECAP.IR",
	    s->vtd_count, a->dmar.drhd_count);
}

/* arm64: the GICv3 ITS is the remapping stage (DeviceID, EventID -> LPI). */
static void decide_intremap_arm64(const struct platform_signals *s, struct policy *p)
{
	const struct acpi_platform *a = s->acpi;
	p->intremap = POLICY_OFF;
	if (!a || !a->has_madt || !a->madt.its_count) {
		say(p->intremap_reason, "no GIC ITS in the MADT");
		return;
	}
	if (!s->its_read) {
		p->intremap = POLICY_ON;
		say(p->intremap_reason, "%u ITS in the MADT (tables only: not probed)",
		    a->madt.its_count);
		return;
	}
	for (unsigned i = 0; i < s->its_count; i++) {
		if (s->its[i].answered) {
			p->intremap = POLICY_ON;
			say(p->intremap_reason,
			    "GIC ITS at 0x%llx answers: it translates every MSI",
			    (unsigned long long)s->its[i].base);
			return;
		}
	}
	say(p->intremap_reason, "the MADT lists %u ITS but none answers", a->madt.its_count);
}

static uint32_t max_apic_id(const struct acpi_platform *a)
{
	uint32_t max = 0;
	for (unsigned i = 0; a && a->has_madt && i < a->madt.lapic_count; i++)
		if (a->madt.lapic[i].apic_id > max)
			max = a->madt.lapic[i].apic_id;
	for (unsigned i = 0; a && a->has_madt && i < a->madt.x2apic_count; i++)
		if (a->madt.x2apic[i].apic_id > max)
			max = a->madt.x2apic[i].apic_id;
	return max;
}

/*
 * x2APIC: the CPU must have it (CPUID.1:ECX[21]); X2APIC_OPT_OUT asks the OS
 * to stay in xAPIC mode (VT-d §8.1) unless the firmware already left it;
 * APIC IDs above 255 need remapping or the extended destination ID (SDM
 * Vol. 3A §10.12, 10.11.1).
 */
static void decide_x2apic(const struct platform_signals *s, const struct policy *sofar,
			  struct policy *p)
{
	const struct arch_cpu_signals *c = &s->cpu;
	const struct acpi_platform *a = s->acpi;
	p->x2apic = POLICY_OFF;
	if (c->x2apic_enabled) {
		p->x2apic = POLICY_ON;
		say(p->x2apic_reason, "the firmware left the APIC in x2APIC mode");
		return;
	}
	if (!c->cpuid) {
		say(p->x2apic_reason, "CPUID not read (tables only)");
		if (a && a->has_dmar && (a->dmar.flags & ACPI_DMAR_X2APIC_OPT_OUT))
			say(p->x2apic_reason,
			    "DMAR X2APIC_OPT_OUT: the firmware asks the OS to stay in xAPIC mode");
		return;
	}
	if (!c->x2apic) {
		say(p->x2apic_reason, "the CPU has no x2APIC (CPUID.1:ECX[21] = 0)");
		return;
	}
	if (a && a->has_dmar && (a->dmar.flags & ACPI_DMAR_X2APIC_OPT_OUT)) {
		say(p->x2apic_reason,
		    "DMAR X2APIC_OPT_OUT: the firmware asks the OS to stay in xAPIC mode");
		return;
	}
	uint32_t max = max_apic_id(a);
	if (max > 255 && sofar->intremap != POLICY_ON && !c->hv_ext_dest_id) {
		say(p->x2apic_reason,
		    "APIC ID %u > 255 needs interrupt remapping or the extended destination ID",
		    max);
		return;
	}
	p->x2apic = POLICY_ON;
	say(p->x2apic_reason, "the CPU has x2APIC and the firmware does not opt out");
}

static void decide_ims(const struct platform_signals *s, const struct detect_result *d,
		       struct policy *p)
{
	enum policy_ims allowed =
		p->intremap == POLICY_ON ? POLICY_IMS_REMAPPED : POLICY_IMS_NATIVE;
	bool virt = d->kind != PLATFORM_BARE_METAL;
	p->ims_opt_in = policy_virt_supports_ims(s);
	p->ims_forced = s->ims_forced;
	unsigned bit = s->acpi ? s->acpi->dmar_ims_bit : ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT;

	if (!virt) {
		p->ims = allowed;
		say(p->ims_reason, "no VM detected (!virt)");
	} else if (p->ims_opt_in) {
		p->ims = allowed;
		say(p->ims_reason,
		    "%s, and it opts in: DMAR flags bit %u set (experimental, not in VT-d)",
		    d->kind == PLATFORM_VIRTUAL ? "a VM" : "platform unknown", bit);
	} else {
		p->ims = POLICY_IMS_REFUSED;
		const char *who = d->kind == PLATFORM_VIRTUAL ? "a virtual machine"
							      : "platform unknown (counts as a VM)";
		if (s->arch == SIGNALS_ARCH_X86_64)
			say(p->ims_reason,
			    "%s and no opt-in signal (DMAR flags bit %u, experimental, is clear; "
			    "no "
			    "hypervisor IMS feature bit exists)",
			    who, bit);
		else
			say(p->ims_reason,
			    "%s and no opt-in signal (no firmware or hypervisor IMS opt-in exists "
			    "on "
			    "arm64)",
			    who);
	}

	/* The opt-out reading: allowed unless a firmware flag forbids it. None does today. */
	p->ims_optout = allowed;
	say(p->ims_optout_reason, "no firmware flag forbids IMS%s",
	    p->ims == POLICY_IMS_REFUSED ? ": disagrees with the opt-in rule; a device assigned to "
					   "this VM could write a "
					   "guest-composed message past the vIOMMU"
					 : "");
}

void policy_decide(const struct platform_signals *s, const struct detect_result *d,
		   struct policy *p)
{
	memset(p, 0, sizeof(*p));
	if (s->arch == SIGNALS_ARCH_X86_64) {
		decide_intremap_x86(s, p);
		decide_x2apic(s, p, p);
	} else {
		decide_intremap_arm64(s, p);
		p->x2apic = POLICY_NONE;
		say(p->x2apic_reason, "not an x86 platform");
	}
	decide_ims(s, d, p);
}
