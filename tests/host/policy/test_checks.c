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

/* The MADT's I/O APIC id 0 against the DMAR's IOAPIC scopes (VT-d §8.3.1). */
static void add_ioapic_scope(uint8_t id)
{
	struct acpi_dmar *d = &sp_acpi.dmar;
	d->scope[0] = (struct acpi_dmar_scope){.type = ACPI_DMAR_SCOPE_IOAPIC,
					       .enumeration_id = id,
					       .start_bus = 0xff,
					       .owner_type = ACPI_DMAR_TYPE_DRHD,
					       .offset = 64,
					       .path_count = 1};
	d->scope_count = 1;
	d->drhd[0].scopes = (struct acpi_dmar_scopes){0, 1};
	sp_acpi.madt.ioapic_count = 1;
	sp_acpi.madt.ioapic[0] = (struct acpi_madt_ioapic){0, 0xfec00000, 0, 0};
}

static void test_ioapic_scope_matches(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, 0xd2008c22260206ull, 0xf00f4a);
	add_ioapic_scope(0);
	run();
	assert_int_equal(f.count, 0);
}

static void test_ioapic_scope_wrong_id(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, 0xd2008c22260206ull, 0xf00f4a);
	add_ioapic_scope(5);
	run();
	assert_int_equal(f.count, 1);
	assert_int_equal(f.item[0].severity, FINDING_ERROR);
	assert_int_equal(f.item[0].offset, 64);
	assert_non_null(strstr(f.item[0].text, "I/O APIC id 0"));
	assert_non_null(strstr(f.item[0].text, "names id 5"));
	/* Without INTR_REMAP nothing is remapped: no finding. */
	sp_acpi.dmar.flags = 0;
	run();
	assert_int_equal(f.count, 0);
}

static void test_ioapic_no_scope(void **state)
{
	(void)state;
	sp_x86_vm();
	sp_add_dmar(0x01, 0xd2008c22260206ull, 0xf00f4a);
	add_ioapic_scope(0);
	sp_acpi.dmar.scope_count = 0;
	sp_acpi.dmar.drhd[0].scopes.count = 0;
	run();
	assert_int_equal(f.count, 1);
	assert_int_equal(f.item[0].offset, FINDING_NO_OFFSET);
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
		cmocka_unit_test(test_ioapic_scope_matches),
		cmocka_unit_test(test_ioapic_scope_wrong_id),
		cmocka_unit_test(test_ioapic_no_scope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
