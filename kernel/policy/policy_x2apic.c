/* SPDX-License-Identifier: MIT */
/*
 * x2APIC and the interrupt remapping mode, decided as Linux does
 * (arch/x86/kernel/apic/apic.c enable_IR_x2apic / try_to_enable_x2apic,
 * drivers/iommu/intel/irq_remapping.c intel_prepare_irq_remapping):
 *
 * 1. Remapping first. It runs in x2APIC mode (IRTA.EIME, 32-bit
 *    destinations, VT-d §9.10) when the CPU has x2APIC, the DMAR does not
 *    set X2APIC_OPT_OUT (§8.1) and every unit reports ECAP.EIM (§11.4.3);
 *    otherwise in xAPIC mode (8-bit destinations).
 * 2. x2APIC on when remapping runs in x2APIC mode: every APIC ID is
 *    reachable through an IRTE.
 * 3. Otherwise x2APIC without remapping is not architecturally supported on
 *    bare metal: on only when a hypervisor says it offers it (Linux:
 *    x86_init.hyper.x2apic_available), then in physical mode with APIC IDs
 *    up to 255, or 32767 with the extended destination ID
 *    (KVM_FEATURE_MSI_EXT_DEST_ID); CPUs above the limit are not started.
 * 4. Otherwise off; a firmware that left x2APIC on is taken back to xAPIC
 *    (SDM Vol. 3A §10.12.5: x2APIC -> disabled -> xAPIC), which cannot be
 *    done for a boot CPU whose APIC ID does not fit 8 bits (Linux panics;
 *    doorbell stays in x2APIC mode and says so).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/policy/policy.h"

#define XAPIC_LIMIT    255u   /* 8-bit destinations (compatibility format, xAPIC IRTE) */
#define EXT_DEST_LIMIT 32767u /* + address bits 11:5 as ID bits 14:8 */

__attribute__((format(printf, 2, 3))) static void say(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, POLICY_REASON_LEN, fmt, ap);
	va_end(ap);
}

static bool opt_out(const struct platform_signals *s)
{
	return s->acpi && s->acpi->has_dmar && (s->acpi->dmar.flags & ACPI_DMAR_X2APIC_OPT_OUT);
}

static bool cpu_has_x2apic(const struct arch_cpu_signals *c)
{
	return c->cpuid && (c->x2apic || c->x2apic_enabled);
}

/* Step 1: may remapping use x2APIC destinations (Linux: eim_mode)? */
static void decide_eim(const struct platform_signals *s, struct policy *p)
{
	p->intremap_eim = POLICY_OFF;
	if (p->intremap != POLICY_ON) {
		p->intremap_eim = POLICY_NONE;
		say(p->intremap_eim_reason, "%s", p->intremap_reason);
		return;
	}
	if (!s->cpu.cpuid) {
		say(p->intremap_eim_reason, "CPUID not read (tables only)");
		return;
	}
	if (!cpu_has_x2apic(&s->cpu)) {
		say(p->intremap_eim_reason, "the CPU has no x2APIC (CPUID.1:ECX[21] = 0)");
		return;
	}
	if (policy_amd_applies(s)) {
		bool xt = acpi_ivrs_x2apic_mode(&s->acpi->ivrs);
		p->intremap_eim = xt ? POLICY_ON : POLICY_OFF;
		say(p->intremap_eim_reason, "%s",
		    xt ? "every IOMMU's IVRS EFR image reports GASup and XTSup"
		       : "not every IOMMU is an IVHD 11h/40h with EFR GASup and XTSup");
		return;
	}
	if (opt_out(s)) {
		say(p->intremap_eim_reason,
		    "DMAR X2APIC_OPT_OUT: the firmware asks the OS to stay in xAPIC mode");
		return;
	}
	if (!s->vtd_read) {
		say(p->intremap_eim_reason, "ECAP.EIM not read (tables only)");
		return;
	}
	for (unsigned i = 0; i < s->vtd_count; i++) {
		if (!(s->vtd[i].ecap & VTD_ECAP_EIM)) {
			say(p->intremap_eim_reason, "unit 0x%llx has ECAP.EIM = 0",
			    (unsigned long long)s->vtd[i].base);
			return;
		}
	}
	p->intremap_eim = POLICY_ON;
	say(p->intremap_eim_reason, "every unit reports ECAP.EIM and the DMAR does not opt out");
}

/* Linux's x86_init.hyper.x2apic_available: KVM answers kvm_para_available(). */
static bool hv_offers_x2apic(const struct arch_cpu_signals *c)
{
	return c->hypervisor_bit && !strcmp(c->hv_signature, "KVMKVMKVM");
}

void policy_decide_x2apic(const struct platform_signals *s, struct policy *p)
{
	const struct arch_cpu_signals *c = &s->cpu;
	decide_eim(s, p);
	p->x2apic = POLICY_OFF;
	p->apic_id_limit = XAPIC_LIMIT;
	if (!c->cpuid) {
		say(p->x2apic_reason, "CPUID not read (tables only)");
		return;
	}
	if (!cpu_has_x2apic(c)) {
		say(p->x2apic_reason, "the CPU has no x2APIC (CPUID.1:ECX[21] = 0)");
		return;
	}
	if (p->intremap_eim == POLICY_ON) {
		p->x2apic = POLICY_ON;
		p->apic_id_limit = POLICY_APIC_ID_NO_LIMIT;
		say(p->x2apic_reason, "interrupt remapping runs in x2APIC mode (%s)",
		    p->intremap_eim_reason);
		return;
	}
	const char *why = p->intremap == POLICY_ON ? "remapping in xAPIC mode" : "no remapping";
	if (hv_offers_x2apic(c)) {
		p->x2apic = POLICY_ON;
		if (c->hv_ext_dest_id)
			p->apic_id_limit = EXT_DEST_LIMIT;
		say(p->x2apic_reason,
		    "%s (%s), but the hypervisor %s offers x2APIC without it: physical mode, "
		    "APIC IDs up to %u%s",
		    why, p->intremap_eim_reason, c->hv_signature, p->apic_id_limit,
		    c->hv_ext_dest_id ? " (extended destination ID)" : "");
		return;
	}
	if (c->x2apic_enabled && c->x2apic_id >= XAPIC_LIMIT) {
		p->x2apic = POLICY_ON;
		say(p->x2apic_reason,
		    "%s (%s) and no hypervisor offers x2APIC without it, but the firmware left "
		    "x2APIC on and the boot CPU's APIC ID %u cannot go back to xAPIC",
		    why, p->intremap_eim_reason, c->x2apic_id);
		return;
	}
	say(p->x2apic_reason, "%s (%s) and no hypervisor offers x2APIC without it%s", why,
	    p->intremap_eim_reason,
	    c->x2apic_enabled ? "; the firmware's x2APIC mode is turned back to xAPIC" : "");
}
