/* SPDX-License-Identifier: MIT */
#include "kernel/policy/policy_report.h"

#include <stddef.h>

#include "kernel/console.h"
#include "kernel/report.h"

static void report_cpu(const struct platform_signals *s)
{
	const struct arch_cpu_signals *c = &s->cpu;
	if (s->arch == SIGNALS_ARCH_X86_64 && c->cpuid) {
		fact("cpu.hypervisor_bit", "%u", c->hypervisor_bit);
		fact("cpu.hypervisor_signature", "%s",
		     c->hv_signature[0] ? c->hv_signature : "none");
		fact("cpu.hypervisor_leaf", c->hv_signature[0] ? "0x%x" : "none", c->hv_leaf);
		fact("cpu.x2apic", "%u", c->x2apic);
		fact("cpu.x2apic_enabled", "%u", c->x2apic_enabled);
		fact("cpu.ext_dest_id", "%u", c->hv_ext_dest_id);
	} else {
		fact("cpu.hypervisor_bit", "none");
		fact("cpu.hypervisor_signature", "none");
	}
	if (s->arch == SIGNALS_ARCH_AARCH64 && c->smccc) {
		fact("cpu.el", "%u", c->el);
		fact("smccc.conduit", "%s", c->conduit);
		if (c->smccc_version < 0)
			fact("smccc.version", "not-supported");
		else
			fact("smccc.version", "%u.%u", (unsigned)c->smccc_version >> 16,
			     (unsigned)c->smccc_version & 0xffff);
		if (c->hyp_uid_valid && c->hyp_uid[0] != 0xffffffffu)
			fact("smccc.hypervisor_uid", "%08x-%08x-%08x-%08x", c->hyp_uid[0],
			     c->hyp_uid[1], c->hyp_uid[2], c->hyp_uid[3]);
		else
			fact("smccc.hypervisor_uid", "none");
	} else {
		fact("smccc.version", "none");
		fact("smccc.hypervisor_uid", "none");
	}
}

/* "# fact key=v0,v1,..." of one 64-bit register of every unit; "no-answer" for silent ones. */
static void report_unit_regs(const struct platform_signals *s, const char *key, size_t field)
{
	kprintf("# fact %s=", key);
	for (unsigned i = 0; i < s->vtd_count; i++) {
		const struct signals_vtd_unit *u = &s->vtd[i];
		uint64_t v = *(const uint64_t *)((const char *)u + field);
		kprintf(u->answered ? "%s0x%llx" : "%sno-answer", i ? "," : "",
			(unsigned long long)v);
	}
	kputs(s->vtd_count ? "\n" : "none\n");
}

static void report_units(const struct platform_signals *s)
{
	if (s->arch != SIGNALS_ARCH_X86_64 || !s->vtd_read) {
		fact("vtd.units", s->arch == SIGNALS_ARCH_X86_64 ? "0" : "none");
		fact("vtd.cap", "none");
		fact("vtd.ecap", "none");
		fact("vtd.caching_mode", "none");
	} else {
		fact("vtd.units", "%u", s->vtd_count);
		report_unit_regs(s, "vtd.cap", offsetof(struct signals_vtd_unit, cap));
		report_unit_regs(s, "vtd.ecap", offsetof(struct signals_vtd_unit, ecap));
		if (s->vtd_count)
			fact("vtd.caching_mode", "%u", signals_vtd_caching_mode(s));
		else
			fact("vtd.caching_mode", "none");
	}
	if (s->arch != SIGNALS_ARCH_AARCH64 || !s->its_read) {
		fact("its.count", s->arch == SIGNALS_ARCH_AARCH64 ? "0" : "none");
		fact("its.answered", "none");
	} else {
		unsigned answered = 0;
		for (unsigned i = 0; i < s->its_count; i++)
			answered += s->its[i].answered;
		fact("its.count", "%u", s->its_count);
		fact("its.answered", "%u", answered);
	}
}

void policy_report_signals(const struct platform_signals *s, const struct detect_result *d)
{
	report_cpu(s);
	report_units(s);
	for (unsigned i = 0; i < d->count; i++)
		kprintf("# detect %s: %s%s\n", d->signal[i].source, d->signal[i].text,
			d->signal[i].virt ? " -> virtual" : "");
	fact("platform.kind", "%s", platform_kind_name(d->kind));
	fact("platform.reasons", "%s", d->reasons[0] ? d->reasons : "none");
	fact("platform.oem_hint", "%s", s->oem_hint[0] ? s->oem_hint : "none");
	kprintf("# platform: %s\n", d->summary);
}

void policy_report(const struct platform_signals *s, const struct detect_result *d,
		   const struct policy *p)
{
	policy_report_signals(s, d);
	fact("policy.ims", "%s", policy_ims_name(p->ims));
	fact("policy.ims_reason", "%s", p->ims_reason);
	fact("policy.ims_opt_in", "%u", p->ims_opt_in);
	fact("policy.ims_experimental_bit", "%u",
	     s->acpi ? s->acpi->dmar_ims_bit : ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT);
	fact("policy.ims_optout", "%s", policy_ims_name(p->ims_optout));
	fact("policy.ims_readings", "%s", p->ims == p->ims_optout ? "agree" : "disagree");
	fact("policy.ims_forced", "%u", p->ims_forced);
	if (p->ims_opt_in)
		kprintf("# policy: IMS opt-in read from DMAR flags bit %u: EXPERIMENTAL, not in "
			"the "
			"VT-d specification\n",
			s->acpi ? s->acpi->dmar_ims_bit : ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT);
	if (p->ims == POLICY_IMS_REFUSED && p->ims_forced)
		kprintf("# policy: IMS FORCED against the policy: a demonstration that holds for "
			"emulated devices only\n");
	if (p->ims != p->ims_optout)
		kprintf("# policy: the opt-out reading says %s: %s\n",
			policy_ims_name(p->ims_optout), p->ims_optout_reason);
	fact("policy.x2apic", "%s", policy_switch_name(p->x2apic));
	fact("policy.x2apic_reason", "%s", p->x2apic_reason);
	if (p->apic_id_limit == POLICY_APIC_ID_NO_LIMIT)
		fact("policy.apic_id_limit", "none");
	else
		fact("policy.apic_id_limit", "%u", p->apic_id_limit);
	fact("policy.intremap", "%s", policy_switch_name(p->intremap));
	fact("policy.intremap_reason", "%s", p->intremap_reason);
	fact("policy.intremap_eim", "%s", policy_switch_name(p->intremap_eim));
	fact("policy.intremap_eim_reason", "%s", p->intremap_eim_reason);
}
