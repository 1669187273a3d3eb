/* SPDX-License-Identifier: MIT */
/* platform_gap: version parsing, the ranges gaps apply in, and an unnamed platform. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/platform_gap.h"

static struct platform_id qemu(const char *v)
{
	uint32_t version = 0;
	assert_int_equal(platform_version_parse(v, &version), 0);
	return (struct platform_id){.name = "QEMU", .version = version};
}

static void test_version_parse(void **state)
{
	uint32_t v = 0;
	assert_int_equal(platform_version_parse("10.0.2", &v), 0);
	assert_int_equal(v, PLATFORM_VERSION(10, 0, 2));
	assert_int_equal(platform_version_parse("7.2", &v), 0);
	assert_int_equal(v, PLATFORM_VERSION(7, 2, 0));
	assert_int_equal(platform_version_parse("7.2.22", &v), 0);
	assert_int_equal(v, PLATFORM_VERSION(7, 2, 22));
	const char *bad[] = {"",        "7",     "7.",   ".2",   "7.2.",
			     "7.2.1.1", "7.256", "x7.2", "7.2a", "10.0.2 "};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 0x1234;
		assert_int_equal(platform_version_parse(bad[i], &v), -EINVAL);
		assert_int_equal(v, 0x1234);
	}
	assert_int_equal(platform_version_parse(NULL, &v), -EINVAL);
}

static void test_range_is_inclusive_by_series(void **state)
{
	struct platform_id q72 = qemu("7.2.22"), q81 = qemu("8.1.5"), q82 = qemu("8.2.0"),
			   q100 = qemu("10.0.2"), q101 = qemu("10.1.0"), q71 = qemu("7.1.0");
	/* Observed on 7.2 up to 8.1: not on 8.2 (fixed) nor before 7.2 (never seen). */
	assert_true(platform_gap_applies(GAP_VTD_NO_IR_FAULT_RECORD, &q72));
	assert_true(platform_gap_applies(GAP_VTD_NO_IR_FAULT_RECORD, &q81));
	assert_false(platform_gap_applies(GAP_VTD_NO_IR_FAULT_RECORD, &q82));
	assert_false(platform_gap_applies(GAP_VTD_NO_IR_FAULT_RECORD, &q100));
	assert_false(platform_gap_applies(GAP_VTD_NO_IR_FAULT_RECORD, &q71));
	/* Seen through 10.0: any micro release of 10.0, not a newer QEMU. */
	assert_true(platform_gap_applies(GAP_VTD_CFI_IGNORED, &q100));
	assert_false(platform_gap_applies(GAP_VTD_CFI_IGNORED, &q101));
	/* From 8.0 only. */
	assert_false(platform_gap_applies(GAP_E1000E_MSIX_DUP_ALWAYS, &q72));
	assert_true(platform_gap_applies(GAP_E1000E_MSIX_DUP_ALWAYS, &q100));
}

static void test_unnamed_or_other_platform(void **state)
{
	struct platform_id none = {0},
			   other = {.name = "Bochs", .version = PLATFORM_VERSION(7, 2, 0)};
	for (unsigned g = 0; g < GAP_COUNT; g++) {
		assert_false(platform_gap_applies((enum platform_gap_id)g, &none));
		assert_false(platform_gap_applies((enum platform_gap_id)g, &other));
		assert_false(platform_gap_applies((enum platform_gap_id)g, NULL));
	}
	assert_false(platform_gap_applies(GAP_COUNT, NULL));
	assert_null(platform_gap_get(GAP_COUNT));
}

static void test_every_gap_is_described(void **state)
{
	for (unsigned g = 0; g < GAP_COUNT; g++) {
		const struct platform_gap *p = platform_gap_get((enum platform_gap_id)g);
		assert_non_null(p);
		assert_non_null(p->id);
		assert_non_null(p->what);
		assert_string_equal(p->platform, "QEMU");
		assert_true(p->first <= p->last);
		for (unsigned h = 0; h < g; h++)
			assert_string_not_equal(platform_gap_get((enum platform_gap_id)h)->id,
						p->id);
	}
}

static void test_formats(void **state)
{
	char buf[48];
	platform_gap_range(GAP_VTD_NO_IR_FAULT_RECORD, buf, sizeof(buf));
	assert_string_equal(buf, "QEMU 7.2-8.1");
	platform_gap_range(GAP_E1000E_MSIX_DUP_ALWAYS, buf, sizeof(buf));
	assert_string_equal(buf, "QEMU 8.0-10.0");
	struct platform_id q = qemu("10.0.2"), none = {0};
	platform_id_format(&q, buf, sizeof(buf));
	assert_string_equal(buf, "QEMU 10.0.2");
	platform_id_format(&none, buf, sizeof(buf));
	assert_string_equal(buf, "an unnamed platform");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_parse),
		cmocka_unit_test(test_range_is_inclusive_by_series),
		cmocka_unit_test(test_unnamed_or_other_platform),
		cmocka_unit_test(test_every_gap_is_described),
		cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
