/* SPDX-License-Identifier: MIT */
#include "support_policy.h"

#include <string.h>

struct acpi_platform sp_acpi;
struct platform_signals sp_sig;

void sp_x86_bare(void)
{
	acpi_platform_init(&sp_acpi);
	sp_acpi.has_fadt = true;
	sp_acpi.fadt.revision = 3;
	sp_acpi.fadt.hv_status = ACPI_FADT_HV_SHORT;
	sp_acpi.has_madt = true;
	sp_acpi.madt.lapic_count = 2;
	sp_acpi.madt.lapic[1].apic_id = 1;
	signals_init(&sp_sig, SIGNALS_ARCH_X86_64, &sp_acpi, NULL);
	sp_sig.cpu.cpuid = true;
}

void sp_x86_vm(void)
{
	sp_x86_bare();
	sp_sig.cpu.hypervisor_bit = true;
	strcpy(sp_sig.cpu.hv_signature, "TCGTCGTCGTCG");
	sp_sig.cpu.hv_leaf = 0x40000000;
	sp_sig.cpu.hv_max_leaf = 0x40000001;
}

void sp_add_dmar(uint8_t flags, uint64_t cap, uint64_t ecap)
{
	sp_acpi.has_dmar = true;
	sp_acpi.dmar_count = 1;
	sp_acpi.dmar.flags = flags;
	sp_acpi.dmar.drhd_count = 1;
	sp_acpi.dmar.drhd[0].reg_base = 0xfed90000;
	sp_acpi.dmar.drhd[0].offset = 48;
	sp_sig.vtd_read = true;
	sp_sig.vtd_count = 1;
	sp_sig.vtd[0] = (struct signals_vtd_unit){
		.base = 0xfed90000, .answered = true, .ver = 0x10, .cap = cap, .ecap = ecap};
}

void sp_arm_vm(bool its_answers)
{
	acpi_platform_init(&sp_acpi);
	sp_acpi.has_fadt = true;
	sp_acpi.fadt.revision = 6;
	sp_acpi.fadt.hv_status = ACPI_FADT_HV_PRESENT;
	strcpy(sp_acpi.fadt.hypervisor_vendor, "QEMU");
	sp_acpi.has_madt = true;
	sp_acpi.madt.its_count = 1;
	sp_acpi.madt.its[0].base = 0x08080000;
	sp_acpi.madt.its[0].offset = 0xf4;
	signals_init(&sp_sig, SIGNALS_ARCH_AARCH64, &sp_acpi, NULL);
	sp_sig.cpu.smccc = true;
	sp_sig.cpu.conduit = "hvc";
	sp_sig.cpu.smccc_version = -1;
	sp_sig.cpu.el = 1;
	sp_sig.its_read = true;
	sp_sig.its_count = 1;
	sp_sig.its[0] = (struct signals_its){
		.base = 0x08080000, .madt_offset = 0xf4, .answered = its_answers, .iidr = 0x43b};
}
