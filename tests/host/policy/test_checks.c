/* SPDX-License-Identifier: MIT */
/* What the units' registers say against what the DMAR and MADT claim. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kernel/policy/checks.h"
#include "support_policy.h"

static struct findings f;

static void run(void)
{
	findings_init(&f);
	policy_checks(&sp_sig, &f);
}

static void test_clean_qemu_unit(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, 0xd2008c22260206ull, 0xf00f4a);
	run();
	assert_int_equal(f.count, 0);
}

static void test_intr_remap_without_ecap_ir(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, 0, 0xf00f42);
	run();
	assert_int_equal(f.count, 1);
	assert_int_equal(f.item[0].severity, FINDING_ERROR);
	assert_string_equal(f.item[0].source, "DMAR");
	assert_int_equal(f.item[0].offset, ACPI_DMAR_FLAGS_OFFSET);
	assert_non_null(strstr(f.item[0].text, "ECAP.IR = 0"));
	/* INTR_REMAP clear: a unit without IR is no contradiction. */
	sp_acpi.dmar.flags = 0;
	run();
	assert_int_equal(f.count, 0);
}

static void test_opt_out_with_eim_is_info(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x03, 0, 0x18);
	run();
	assert_int_equal(f.count, 1);
	assert_int_equal(f.item[0].severity, FINDING_INFO);
	assert_int_equal(f.item[0].offset, ACPI_DMAR_FLAGS_OFFSET);
	assert_non_null(strstr(f.item[0].text, "X2APIC_OPT_OUT"));
}

static void test_silent_unit(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, 0, 0);
	sp_sig.vtd[0].answered = false;
	run();
	assert_int_equal(f.count, 1);
	assert_int_equal(f.item[0].severity, FINDING_ERROR);
	assert_int_equal(f.item[0].offset, 48);
	assert_non_null(strstr(f.item[0].text, "0xfed90000"));
}

static void test_silent_its(void **state)
{
	(void)state;
	sp_arm_vm(false);
	run();
	assert_int_equal(f.count, 1);
	assert_int_equal(f.item[0].severity, FINDING_ERROR);
	assert_string_equal(f.item[0].source, "APIC");
	assert_int_equal(f.item[0].offset, 0xf4);
	sp_arm_vm(true);
	run();
	assert_int_equal(f.count, 0);
}

static void test_registers_not_read_no_findings(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, 0, 0);
	sp_sig.vtd_read = false;
	run();
	assert_int_equal(f.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_qemu_unit),
		cmocka_unit_test(test_intr_remap_without_ecap_ir),
		cmocka_unit_test(test_opt_out_with_eim_is_info),
		cmocka_unit_test(test_silent_unit),
		cmocka_unit_test(test_silent_its),
		cmocka_unit_test(test_registers_not_read_no_findings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
