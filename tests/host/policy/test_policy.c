/* SPDX-License-Identifier: MIT */
/* The opt-in rule against the opt-out reading, interrupt remapping and x2APIC, with reasons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kernel/policy/policy.h"
#include "support_policy.h"

#define QEMU_CAP  0xd2008c22260206ull
#define QEMU_ECAP 0xf00f4aull /* QI, IR; no EIM */

static struct detect_result d;
static struct policy p;

static void decide(void)
{
	detect_platform(&sp_sig, &d);
	policy_decide(&sp_sig, &d, &p);
}

static void test_vm_with_remapping_refused(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP);
	decide();
	assert_int_equal(p.ims, POLICY_IMS_REFUSED);
	assert_false(p.ims_opt_in);
	assert_false(policy_ims_may_create(&p));
	assert_non_null(strstr(p.ims_reason, "DMAR flags bit 3"));
	/* The opt-out reading would allow it: the disagreement is the point. */
	assert_int_equal(p.ims_optout, POLICY_IMS_REMAPPED);
	assert_int_equal(p.intremap, POLICY_ON);
	assert_string_equal(p.intremap_reason,
			    "DMAR INTR_REMAP set and 1 of 1 unit(s) report ECAP.IR");
	assert_int_equal(p.x2apic, POLICY_OFF);
	assert_string_equal(p.x2apic_reason, "the CPU has no x2APIC (CPUID.1:ECX[21] = 0)");
}

static void test_vm_opt_in_allows_remapped(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x09, QEMU_CAP, QEMU_ECAP);
	decide();
	assert_int_equal(p.ims, POLICY_IMS_REMAPPED);
	assert_true(p.ims_opt_in);
	assert_int_equal(p.ims_optout, POLICY_IMS_REMAPPED);
	assert_string_equal(policy_ims_name(p.ims), "remapped");
}

static void test_vm_opt_in_without_remapping_is_native(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x08, QEMU_CAP, QEMU_ECAP);
	decide();
	assert_int_equal(p.intremap, POLICY_OFF);
	assert_string_equal(p.intremap_reason, "DMAR flags bit 0 (INTR_REMAP) is clear");
	assert_int_equal(p.ims, POLICY_IMS_NATIVE);
}

static void test_ims_bit_is_configurable(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x11, QEMU_CAP, QEMU_ECAP);
	decide();
	assert_int_equal(p.ims, POLICY_IMS_REFUSED);
	sp_acpi.dmar_ims_bit = 4;
	decide();
	assert_int_equal(p.ims, POLICY_IMS_REMAPPED);
	assert_true(policy_virt_supports_ims(&sp_sig));
}

static void test_bare_metal_allows(void **state)
{
	(void)state;
	sp_x86_bare();
	decide();
	assert_int_equal(p.ims, POLICY_IMS_NATIVE);
	assert_string_equal(p.ims_reason, "no VM detected (!virt)");
	assert_int_equal(p.intremap, POLICY_OFF);
	assert_string_equal(p.intremap_reason, "no DMAR table: no remapping hardware is described");
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP);
	decide();
	assert_int_equal(p.ims, POLICY_IMS_REMAPPED);
	assert_int_equal(p.ims_optout, p.ims);
}

static void test_unit_without_ir_turns_remapping_off(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP & ~0x8ull);
	decide();
	assert_int_equal(p.intremap, POLICY_OFF);
	assert_string_equal(p.intremap_reason,
			    "DMAR INTR_REMAP set but unit 0xfed90000 has ECAP.IR = 0");
	assert_int_equal(p.ims, POLICY_IMS_NATIVE);
	sp_sig.vtd[0].answered = false;
	decide();
	assert_int_equal(p.intremap, POLICY_OFF);
	assert_string_equal(p.intremap_reason, "unit 0xfed90000: registers do not answer");
}

static void test_tables_only_remapping(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_add_dmar(0x01, 0, 0);
	sp_sig.vtd_read = false;
	sp_sig.vtd_count = 0;
	decide();
	assert_int_equal(p.intremap, POLICY_ON);
	assert_non_null(strstr(p.intremap_reason, "tables only"));
}

#define QEMU_ECAP_EIM (QEMU_ECAP | 1ull << 4) /* intel-iommu,eim=on */

/* Bare metal without remapping: x2APIC is not architecturally supported, off. */
static void test_x2apic_no_remapping_bare(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_sig.cpu.x2apic = true;
	decide();
	assert_int_equal(p.intremap_eim, POLICY_NONE);
	assert_int_equal(p.x2apic, POLICY_OFF);
	assert_int_equal(p.apic_id_limit, 255);
	assert_string_equal(p.x2apic_reason,
			    "no remapping (no DMAR table: no remapping hardware is described) and "
			    "no hypervisor offers x2APIC without it");
}

static void test_x2apic_cpu_without(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP_EIM);
	decide();
	assert_int_equal(p.intremap, POLICY_ON);
	assert_int_equal(p.intremap_eim, POLICY_OFF);
	assert_string_equal(p.intremap_eim_reason, "the CPU has no x2APIC (CPUID.1:ECX[21] = 0)");
	assert_int_equal(p.x2apic, POLICY_OFF);
	assert_string_equal(p.x2apic_reason, "the CPU has no x2APIC (CPUID.1:ECX[21] = 0)");
}

/* QEMU 10.0, -cpu max, intel-iommu,eim=on: remapping in x2APIC mode, x2APIC on, no limit. */
static void test_x2apic_remapping_eim(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_sig.cpu.x2apic = true;
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP_EIM);
	decide();
	assert_int_equal(p.intremap, POLICY_ON);
	assert_int_equal(p.intremap_eim, POLICY_ON);
	assert_string_equal(p.intremap_eim_reason,
			    "every unit reports ECAP.EIM and the DMAR does not opt out");
	assert_int_equal(p.x2apic, POLICY_ON);
	assert_int_equal(p.apic_id_limit, POLICY_APIC_ID_NO_LIMIT);
	assert_string_equal(p.x2apic_reason,
			    "interrupt remapping runs in x2APIC mode (every unit reports ECAP.EIM "
			    "and the DMAR does not opt out)");
}

/* QEMU 10.0, -cpu max, intel-iommu (eim off): remapping in xAPIC mode, x2APIC off. */
static void test_x2apic_remapping_without_eim(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_sig.cpu.x2apic = true;
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP);
	decide();
	assert_int_equal(p.intremap, POLICY_ON);
	assert_int_equal(p.intremap_eim, POLICY_OFF);
	assert_string_equal(p.intremap_eim_reason, "unit 0xfed90000 has ECAP.EIM = 0");
	assert_int_equal(p.x2apic, POLICY_OFF);
	assert_int_equal(p.apic_id_limit, 255);
	assert_string_equal(p.x2apic_reason,
			    "remapping in xAPIC mode (unit 0xfed90000 has ECAP.EIM = 0) and no "
			    "hypervisor offers x2APIC without it");
}

/* X2APIC_OPT_OUT (VT-d §8.1) keeps remapping in xAPIC mode even with EIM. */
static void test_x2apic_opt_out(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_sig.cpu.x2apic = true;
	sp_add_dmar(0x03, QEMU_CAP, QEMU_ECAP_EIM);
	decide();
	assert_int_equal(p.intremap, POLICY_ON);
	assert_int_equal(p.intremap_eim, POLICY_OFF);
	assert_string_equal(p.intremap_eim_reason,
			    "DMAR X2APIC_OPT_OUT: the firmware asks the OS to stay in xAPIC mode");
	assert_int_equal(p.x2apic, POLICY_OFF);
	assert_non_null(strstr(p.x2apic_reason, "X2APIC_OPT_OUT"));
}

/* KVM offers x2APIC without remapping: physical mode, 255 or 32767 with the extended ID. */
static void test_x2apic_kvm_without_remapping(void **state)
{
	(void)state;
	sp_x86_vm();
	strcpy(sp_sig.cpu.hv_signature, "KVMKVMKVM");
	sp_sig.cpu.x2apic = true;
	sp_acpi.madt.x2apic_count = 1;
	sp_acpi.madt.x2apic[0].apic_id = 300;
	decide();
	assert_int_equal(p.x2apic, POLICY_ON);
	assert_int_equal(p.apic_id_limit, 255);
	assert_string_equal(
		p.x2apic_reason,
		"no remapping (no DMAR table: no remapping hardware is described), but "
		"the hypervisor KVMKVMKVM offers x2APIC without it: physical mode, APIC "
		"IDs up to 255");
	sp_sig.cpu.hv_ext_dest_id = true;
	decide();
	assert_int_equal(p.x2apic, POLICY_ON);
	assert_int_equal(p.apic_id_limit, 32767);
	assert_non_null(strstr(p.x2apic_reason, "up to 32767 (extended destination ID)"));
	/* Remapping in xAPIC mode: the same rule. */
	sp_sig.cpu.hv_ext_dest_id = false;
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP);
	decide();
	assert_int_equal(p.intremap_eim, POLICY_OFF);
	assert_int_equal(p.x2apic, POLICY_ON);
	assert_int_equal(p.apic_id_limit, 255);
	assert_non_null(strstr(p.x2apic_reason, "remapping in xAPIC mode"));
	/* The KVM signature without the hypervisor bit is no hypervisor. */
	sp_sig.cpu.hypervisor_bit = false;
	decide();
	assert_int_equal(p.x2apic, POLICY_OFF);
}

/* The firmware left x2APIC on: back to xAPIC unless the boot CPU's ID needs 32 bits. */
static void test_x2apic_firmware_left(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_sig.cpu.x2apic = true;
	sp_sig.cpu.x2apic_enabled = true;
	sp_sig.cpu.x2apic_id = 0;
	decide();
	assert_int_equal(p.x2apic, POLICY_OFF);
	assert_non_null(strstr(p.x2apic_reason, "turned back to xAPIC"));
	sp_sig.cpu.x2apic_id = 300;
	decide();
	assert_int_equal(p.x2apic, POLICY_ON);
	assert_non_null(strstr(p.x2apic_reason, "APIC ID 300 cannot go back"));
	/* With remapping in x2APIC mode it stays on for the ordinary reason. */
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP_EIM);
	decide();
	assert_int_equal(p.x2apic, POLICY_ON);
	assert_int_equal(p.apic_id_limit, POLICY_APIC_ID_NO_LIMIT);
}

static void test_x2apic_tables_only(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_sig.cpu.cpuid = false;
	sp_add_dmar(0x01, QEMU_CAP, QEMU_ECAP_EIM);
	sp_sig.vtd_read = false;
	decide();
	assert_int_equal(p.intremap, POLICY_ON);
	assert_int_equal(p.intremap_eim, POLICY_OFF);
	assert_string_equal(p.intremap_eim_reason, "CPUID not read (tables only)");
	assert_int_equal(p.x2apic, POLICY_OFF);
	assert_string_equal(p.x2apic_reason, "CPUID not read (tables only)");
}

static void test_arm_vm(void **state)
{
	(void)state;
	sp_arm_vm(true);
	decide();
	assert_int_equal(p.ims, POLICY_IMS_REFUSED);
	assert_non_null(strstr(p.ims_reason, "arm64"));
	assert_int_equal(p.ims_optout, POLICY_IMS_REMAPPED);
	assert_int_equal(p.intremap, POLICY_ON);
	assert_int_equal(p.x2apic, POLICY_NONE);
	assert_string_equal(policy_switch_name(p.x2apic), "none");
	sp_arm_vm(false);
	decide();
	assert_int_equal(p.intremap, POLICY_OFF);
	assert_string_equal(p.intremap_reason, "the MADT lists 1 ITS but none answers");
	assert_int_equal(p.ims_optout, POLICY_IMS_NATIVE);
}

static void test_arm_hidden_vm_allowed(void **state)
{
	(void)state;
	sp_arm_vm(true);
	sp_acpi.fadt.hv_status = ACPI_FADT_HV_ZERO;
	decide();
	assert_int_equal(d.kind, PLATFORM_BARE_METAL);
	assert_int_equal(p.ims, POLICY_IMS_REMAPPED);
}

static void test_unknown_counts_as_vm(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_sig.cpu.cpuid = false;
	decide();
	assert_int_equal(d.kind, PLATFORM_UNKNOWN);
	assert_int_equal(p.ims, POLICY_IMS_REFUSED);
	assert_non_null(strstr(p.ims_reason, "unknown"));
}

static void test_forced_creates_against_refusal(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_sig.ims_forced = true;
	decide();
	assert_int_equal(p.ims, POLICY_IMS_REFUSED);
	assert_true(p.ims_forced);
	assert_true(policy_ims_may_create(&p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vm_with_remapping_refused),
		cmocka_unit_test(test_vm_opt_in_allows_remapped),
		cmocka_unit_test(test_vm_opt_in_without_remapping_is_native),
		cmocka_unit_test(test_ims_bit_is_configurable),
		cmocka_unit_test(test_bare_metal_allows),
		cmocka_unit_test(test_unit_without_ir_turns_remapping_off),
		cmocka_unit_test(test_tables_only_remapping),
		cmocka_unit_test(test_x2apic_no_remapping_bare),
		cmocka_unit_test(test_x2apic_cpu_without),
		cmocka_unit_test(test_x2apic_remapping_eim),
		cmocka_unit_test(test_x2apic_remapping_without_eim),
		cmocka_unit_test(test_x2apic_opt_out),
		cmocka_unit_test(test_x2apic_kvm_without_remapping),
		cmocka_unit_test(test_x2apic_firmware_left),
		cmocka_unit_test(test_x2apic_tables_only),
		cmocka_unit_test(test_arm_vm),
		cmocka_unit_test(test_arm_hidden_vm_allowed),
		cmocka_unit_test(test_unknown_counts_as_vm),
		cmocka_unit_test(test_forced_creates_against_refusal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
