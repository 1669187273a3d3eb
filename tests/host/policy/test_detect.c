/* SPDX-License-Identifier: MIT */
/* Bare metal or VM: each signal alone, their absence, and the hints that never decide. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kernel/policy/detect.h"
#include "support_policy.h"

static struct detect_result r;

static void test_x86_vm_from_cpuid(void **state)
{
	(void)state;
	sp_x86_vm();
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_VIRTUAL);
	assert_string_equal(r.reasons, "cpuid.hypervisor_bit,cpuid.signature=TCGTCGTCGTCG");
	assert_string_equal(platform_kind_name(r.kind), "virtual");
}

static void test_signature_alone_is_enough(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_sig.cpu.hypervisor_bit = false;
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_VIRTUAL);
	assert_string_equal(r.reasons, "cpuid.signature=TCGTCGTCGTCG");
}

static void test_hidden_vm_is_bare_metal_with_hint(void **state)
{
	(void)state;
	sp_x86_bare();
	strcpy(sp_sig.oem_hint, "BOCHS/BXPC");
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_BARE_METAL);
	assert_string_equal(r.reasons, "no_hypervisor_signal,hint.acpi_oem=BOCHS/BXPC");
	assert_non_null(strstr(r.summary, "cannot be told apart from bare metal"));
	assert_non_null(strstr(r.summary, "BOCHS/BXPC"));
	/* Every signal is listed, none as deciding. */
	for (unsigned i = 0; i < r.count; i++)
		assert_false(r.signal[i].virt);
}

static void test_caching_mode_decides(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_add_dmar(0x01, 0xd2008c22260206ull | 0x80, 0xf00f4a);
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_VIRTUAL);
	assert_string_equal(r.reasons, "vtd.caching_mode");
}

static void test_caching_mode_of_silent_unit_ignored(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_add_dmar(0x01, 0x80, 0x8);
	sp_sig.vtd[0].answered = false;
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_BARE_METAL);
}

static void test_x86_tables_only_is_unknown(void **state)
{
	(void)state;
	sp_x86_bare();
	sp_sig.cpu.cpuid = false;
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_UNKNOWN);
	assert_string_equal(r.reasons, "cpuid.not_read");
	/* ...unless a table itself names the hypervisor. */
	sp_acpi.fadt.hv_status = ACPI_FADT_HV_PRESENT;
	strcpy(sp_acpi.fadt.hypervisor_vendor, "KVM");
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_VIRTUAL);
	assert_string_equal(r.reasons, "fadt.hypervisor_vendor=KVM");
}

static void test_arm_fadt_vendor(void **state)
{
	(void)state;
	sp_arm_vm(true);
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_VIRTUAL);
	assert_string_equal(r.reasons, "fadt.hypervisor_vendor=QEMU");
}

static void test_arm_blank_vendor_is_bare_metal(void **state)
{
	(void)state;
	sp_arm_vm(true);
	sp_acpi.fadt.hv_status = ACPI_FADT_HV_ZERO;
	sp_acpi.fadt.hypervisor_vendor[0] = 0;
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_BARE_METAL);
}

/* Qualcomm's revision 5 FADTs carry "QCOM" at offset 268: not the field, not a VM. */
static void test_arm_pre6_fadt_bytes_are_not_a_vendor(void **state)
{
	(void)state;
	sp_arm_vm(true);
	sp_sig.cpu.smccc = false;
	sp_acpi.fadt.revision = 5;
	sp_acpi.fadt.hv_status = ACPI_FADT_HV_NO_FIELD;
	strcpy(sp_acpi.fadt.hypervisor_vendor, "QCOM");
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_UNKNOWN);
	assert_null(strstr(r.reasons, "fadt.hypervisor_vendor"));
}

static void test_arm_nothing_readable_is_unknown(void **state)
{
	(void)state;
	sp_arm_vm(true);
	sp_acpi.fadt.hv_status = ACPI_FADT_HV_SHORT;
	sp_sig.cpu.smccc = false;
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_UNKNOWN);
	/* SMCCC answering NOT_SUPPORTED to the UID call is a readable "no". */
	sp_sig.cpu.smccc = true;
	sp_sig.cpu.hyp_uid_valid = true;
	memset(sp_sig.cpu.hyp_uid, 0xff, sizeof(sp_sig.cpu.hyp_uid));
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_BARE_METAL);
}

static void test_arm_smccc_uid_decides(void **state)
{
	(void)state;
	sp_arm_vm(true);
	sp_acpi.fadt.hv_status = ACPI_FADT_HV_ZERO;
	sp_sig.cpu.hyp_uid_valid = true;
	sp_sig.cpu.hyp_uid[0] = 0x28b46fb6; /* KVM's UID, first word */
	detect_platform(&sp_sig, &r);
	assert_int_equal(r.kind, PLATFORM_VIRTUAL);
	assert_string_equal(r.reasons, "smccc.hypervisor_uid");
}

/* A 36-byte table with a valid checksum. */
static void table(uint8_t *b, const char *sig, const char *oem, const char *oem_table)
{
	memset(b, 0, 36);
	memcpy(b, sig, 4);
	b[4] = 36;
	b[8] = 1;
	memcpy(b + 10, oem, strlen(oem));
	memcpy(b + 16, oem_table, strlen(oem_table));
	uint8_t sum = 0;
	for (int i = 0; i < 36; i++)
		sum += b[i];
	b[9] = (uint8_t)-sum;
}

static void test_oem_hints_from_tables(void **state)
{
	(void)state;
	static struct acpi_tables t;
	static uint8_t a[36], b[36], c[36];
	struct findings f;
	findings_init(&f);
	acpi_tables_init(&t);
	table(a, "APIC", "BOCHS ", "BXPCAPIC");
	table(b, "FACP", "BOCHS ", "BXPCFACP");
	table(c, "SSDT", "DELL  ", "PE_SC3  ");
	assert_int_equal(acpi_tables_add(&t, a, 36, &f), 0);
	assert_int_equal(acpi_tables_add(&t, b, 36, &f), 0);
	assert_int_equal(acpi_tables_add(&t, c, 36, &f), 0);
	signals_init(&sp_sig, SIGNALS_ARCH_X86_64, NULL, &t);
	assert_string_equal(sp_sig.oem_hint, "BOCHS/BXPC");
	signals_init(&sp_sig, SIGNALS_ARCH_X86_64, NULL, NULL);
	assert_string_equal(sp_sig.oem_hint, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x86_vm_from_cpuid),
		cmocka_unit_test(test_signature_alone_is_enough),
		cmocka_unit_test(test_hidden_vm_is_bare_metal_with_hint),
		cmocka_unit_test(test_caching_mode_decides),
		cmocka_unit_test(test_caching_mode_of_silent_unit_ignored),
		cmocka_unit_test(test_x86_tables_only_is_unknown),
		cmocka_unit_test(test_arm_fadt_vendor),
		cmocka_unit_test(test_arm_blank_vendor_is_bare_metal),
		cmocka_unit_test(test_arm_pre6_fadt_bytes_are_not_a_vendor),
		cmocka_unit_test(test_arm_nothing_readable_is_unknown),
		cmocka_unit_test(test_arm_smccc_uid_decides),
		cmocka_unit_test(test_oem_hints_from_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
