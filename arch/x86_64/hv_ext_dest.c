/* SPDX-License-Identifier: MIT */
/*
 * Whether the hypervisor takes MSI address bits 11:5 as destination APIC ID
 * bits 14:8: KVM's CPUID leaf base+1, EAX bit 15 (KVM_FEATURE_MSI_EXT_DEST_ID,
 * Linux Documentation/virt/kvm/x86/cpuid.rst). The KVM signature is searched
 * in 0x40000000..0x4000FF00 by 0x100, as Xen guests must (docs/platform.md,
 * "CPUID under TCG").
 */
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"

#define CPUID1_HYPERVISOR        (1u << 31)
#define KVM_FEATURE_MSI_EXT_DEST (1u << 15)

bool x86_hv_msi_ext_dest_id(void)
{
	uint32_t r[4];
	cpuid(1, 0, r);
	if (!(r[2] & CPUID1_HYPERVISOR))
		return false;
	for (uint32_t base = 0x40000000; base <= 0x4000ff00; base += 0x100) {
		cpuid(base, 0, r);
		char sig[12];
		memcpy(sig, &r[1], 4);
		memcpy(sig + 4, &r[2], 4);
		memcpy(sig + 8, &r[3], 4);
		if (memcmp(sig, "KVMKVMKVM\0\0\0", 12) || r[0] < base + 1)
			continue;
		cpuid(base + 1, 0, r);
		return (r[0] & KVM_FEATURE_MSI_EXT_DEST) != 0;
	}
	return false;
}
