/* SPDX-License-Identifier: MIT */
/* dtest_glob and dtest_selected: the runner's `tests=` patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/test/dtest.h"

static void test_literal(void **state)
{
	assert_true(dtest_glob("boot.serial", "boot.serial"));
	assert_false(dtest_glob("boot.serial", "boot.seria"));
	assert_false(dtest_glob("boot.seria", "boot.serial"));
	assert_false(dtest_glob("boot.serial", "Boot.serial"));
	assert_false(dtest_glob("boot.serial", "boot.serial2"));
	assert_false(dtest_glob("boot", ""));
}

static void test_empty_pattern(void **state)
{
	assert_true(dtest_glob("", ""));
	assert_false(dtest_glob("", "a"));
}

static void test_question_mark(void **state)
{
	assert_true(dtest_glob("a?c", "abc"));
	assert_true(dtest_glob("a?c", "a.c"));
	assert_false(dtest_glob("a?c", "ac"));
	assert_false(dtest_glob("a?c", "abbc"));
	assert_true(dtest_glob("???", "xyz"));
	assert_false(dtest_glob("???", "xy"));
	assert_false(dtest_glob("?", ""));
}

static void test_star(void **state)
{
	assert_true(dtest_glob("*", ""));
	assert_true(dtest_glob("*", "boot.serial"));
	assert_true(dtest_glob("boot.*", "boot."));
	assert_true(dtest_glob("boot.*", "boot.timer"));
	assert_false(dtest_glob("boot.*", "boot"));
	assert_false(dtest_glob("boot.*", "irq.boot.x"));
	assert_true(dtest_glob("*.serial", "boot.serial"));
	assert_false(dtest_glob("*.serial", "boot.serial.x"));
	assert_true(dtest_glob("irq.*.msi", "irq.edu.msi"));
	assert_true(dtest_glob("irq.*.msi", "irq..msi"));
	assert_false(dtest_glob("irq.*.msi", "irq.msi"));
}

static void test_trailing_stars(void **state)
{
	assert_true(dtest_glob("abc***", "abc"));
	assert_true(dtest_glob("abc***", "abcdef"));
	assert_true(dtest_glob("**", ""));
	assert_true(dtest_glob("a**", "a"));
	assert_false(dtest_glob("a**b", "a"));
	assert_false(dtest_glob("abc*", "ab"));
}

static void test_star_question_mix(void **state)
{
	assert_true(dtest_glob("?*", "a"));
	assert_false(dtest_glob("?*", ""));
	assert_false(dtest_glob("*?", ""));
	assert_true(dtest_glob("*?", "x"));
	assert_true(dtest_glob("*??", "xy"));
	assert_false(dtest_glob("*??", "x"));
	assert_true(dtest_glob("b?o*.s*", "boot.serial"));
}

static void test_backtracking(void **state)
{
	assert_true(dtest_glob("a*b*c", "aXbYbZc"));
	assert_true(dtest_glob("a*b*c", "abc"));
	assert_false(dtest_glob("a*b*c", "aXbYbZ"));
	assert_false(dtest_glob("a*b*c", "aXcYc"));
	assert_true(dtest_glob("*aab", "aaab"));
	assert_true(dtest_glob("a*a*a", "aaa"));
	assert_false(dtest_glob("a*a*a", "aa"));
	assert_false(dtest_glob("*x*", "abc"));
	assert_true(dtest_glob("*ab*ab", "xabyabab"));
	assert_true(dtest_glob("*.*.c", "a.b.b.c"));
	assert_false(dtest_glob("*.*.c", "a.b.b.cd"));
}

static void test_selected_null_or_empty_selects_all(void **state)
{
	assert_true(dtest_selected(NULL, "boot.serial"));
	assert_true(dtest_selected("", "boot.serial"));
	assert_true(dtest_selected(NULL, ""));
}

static void test_selected_only_separators_selects_all(void **state)
{
	assert_true(dtest_selected(" , ,, ", "boot.serial"));
	assert_true(dtest_selected(",", "x"));
}

static void test_selected_single(void **state)
{
	assert_true(dtest_selected("boot.*", "boot.timer"));
	assert_false(dtest_selected("boot.*", "irq.msi"));
	assert_true(dtest_selected("irq.msi", "irq.msi"));
	assert_false(dtest_selected("irq.msi", "irq.msix"));
}

static void test_selected_list_with_spaces(void **state)
{
	const char *pats = "  boot.* ,   irq.msi  ,its.?pi,  ";
	assert_true(dtest_selected(pats, "boot.timer"));
	assert_true(dtest_selected(pats, "irq.msi"));
	assert_true(dtest_selected(pats, "its.lpi"));
	assert_false(dtest_selected(pats, "irq.msix"));
	assert_false(dtest_selected(pats, "its.lpis"));
	assert_false(dtest_selected(pats, "vtd.ir"));
}

static void test_selected_exclusion(void **state)
{
	const char *pats = "*, !boot.*";
	assert_false(dtest_selected(pats, "boot.serial"));
	assert_true(dtest_selected(pats, "irq.msi"));
	/* An exclusion wins wherever it stands in the list. */
	assert_false(dtest_selected("!boot.serial, boot.*", "boot.serial"));
	assert_true(dtest_selected("!boot.serial, boot.*", "boot.timer"));
	assert_false(dtest_selected("boot.*,!boot.t*", "boot.timer"));
	assert_true(dtest_selected("boot.*,!boot.t*", "boot.serial"));
	/* Excluded and not included at all. */
	assert_false(dtest_selected("irq.*, !boot.*", "boot.serial"));
	assert_false(dtest_selected("irq.*, !boot.*", "vtd.ir"));
}

static void test_selected_only_exclusions_mean_all_but(void **state)
{
	assert_false(dtest_selected("!boot.*", "boot.serial"));
	assert_true(dtest_selected("!boot.*", "irq.msi"));
	assert_true(dtest_selected(" !a , !b ", "c"));
	assert_false(dtest_selected(" !a , !b ", "a"));
	assert_false(dtest_selected(" !a , !b ", "b"));
	/* A bare "!" excludes nothing that has a name. */
	assert_true(dtest_selected("!", "boot.serial"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_empty_pattern),
		cmocka_unit_test(test_question_mark),
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_trailing_stars),
		cmocka_unit_test(test_star_question_mix),
		cmocka_unit_test(test_backtracking),
		cmocka_unit_test(test_selected_null_or_empty_selects_all),
		cmocka_unit_test(test_selected_only_separators_selects_all),
		cmocka_unit_test(test_selected_single),
		cmocka_unit_test(test_selected_list_with_spaces),
		cmocka_unit_test(test_selected_exclusion),
		cmocka_unit_test(test_selected_only_exclusions_mean_all_but),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
