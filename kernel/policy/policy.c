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
	if (policy_amd_applies(s)) {
		policy_decide_intremap_amd(s, p);
		return;
	}
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
		policy_decide_x2apic(s, p);
	} else {
		decide_intremap_arm64(s, p);
		p->x2apic = POLICY_NONE;
		p->intremap_eim = POLICY_NONE;
		p->apic_id_limit = POLICY_APIC_ID_NO_LIMIT;
		say(p->x2apic_reason, "not an x86 platform");
		say(p->intremap_eim_reason, "not an x86 platform");
	}
	decide_ims(s, d, p);
}
