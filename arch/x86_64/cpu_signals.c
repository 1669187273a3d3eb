/* SPDX-License-Identifier: MIT */
/*
 * What an x86 CPU says about a hypervisor under it: CPUID.1:ECX[31] and the
 * hypervisor leaves. The signature may sit at 0x40000000 + n * 0x100 (Xen
 * moves it up when it also offers Viridian), so scan up to 0x4000FF00.
 */
#include <string.h>

#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"

#define CPUID_1_ECX_X2APIC          (1u << 21)
#define CPUID_1_ECX_HYPERVISOR      (1u << 31)
#define MSR_APIC_BASE               0x1b
#define APIC_BASE_EXTD              (1ull << 10)
#define MSR_X2APIC_APICID           0x802
#define KVM_SIGNATURE               "KVMKVMKVM"
#define KVM_FEATURE_MSI_EXT_DEST_ID (1u << 15)

static bool cpu_signals_printable(const char *sig)
{
	if (!sig[0])
		return false;
	for (const char *p = sig; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return false;
	return true;
}

void arch_cpu_signals(struct arch_cpu_signals *s)
{
	memset(s, 0, sizeof(*s));
	s->conduit = "none";
	uint32_t r[4];
	cpuid(1, 0, r);
	s->cpuid = true;
	s->hypervisor_bit = r[2] & CPUID_1_ECX_HYPERVISOR;
	s->x2apic = r[2] & CPUID_1_ECX_X2APIC;
	if (s->x2apic)
		s->x2apic_enabled = rdmsr(MSR_APIC_BASE) & APIC_BASE_EXTD;
	if (s->x2apic_enabled)
		s->x2apic_id = (uint32_t)rdmsr(MSR_X2APIC_APICID);

	for (uint32_t leaf = 0x40000000u; leaf <= 0x4000ff00u; leaf += 0x100) {
		cpuid(leaf, 0, r);
		char sig[13];
		memcpy(sig + 0, &r[1], 4);
		memcpy(sig + 4, &r[2], 4);
		memcpy(sig + 8, &r[3], 4);
		sig[12] = 0;
		/* Unimplemented leaves repeat the highest basic leaf: no printable signature. */
		if ((r[0] && (r[0] < leaf || r[0] > leaf + 0xff)) || !cpu_signals_printable(sig))
			continue;
		memcpy(s->hv_signature, sig, sizeof(sig));
		s->hv_leaf = leaf;
		s->hv_max_leaf = r[0];
		if (!strcmp(sig, KVM_SIGNATURE) && r[0] >= leaf + 1) {
			cpuid(leaf + 1, 0, r);
			s->hv_ext_dest_id = r[0] & KVM_FEATURE_MSI_EXT_DEST_ID;
		}
		break;
	}
}
