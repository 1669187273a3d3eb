/* SPDX-License-Identifier: MIT */
/*
 * ITS ID spaces and table sizes (IHI 0069H §12.19.25 GITS_TYPER: Devbits
 * and ID_bits hold bits - 1, up to 32 bits; §12.19.1 GITS_BASER<n>: Size
 * holds pages - 1 in 8 bits, a level-1 entry of a two-level table is 8
 * bytes). Every case with 32 bits runs under UBSan: no shift by 32.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "drivers/irqchip/gic_its_plan.h"
#include "kernel/errno.h"

static void test_id_count(void **state)
{
	assert_int_equal(gic_its_id_count(1), 2);
	assert_int_equal(gic_its_id_count(16), 65536);
	assert_int_equal(gic_its_id_count(31), 0x80000000ull);
	assert_int_equal(gic_its_id_count(32), 0x100000000ull);
	assert_int_equal(gic_its_id_count(33), 0x100000000ull); /* clamped to the field's maximum */
}

static void test_wants_two_level(void **state)
{
	assert_false(gic_its_table_wants_two_level(4096, 8, 9)); /* 512 * 8 = one 4 KiB page */
	assert_true(gic_its_table_wants_two_level(4096, 8, 10));
	assert_true(gic_its_table_wants_two_level(65536, 8, 32));
	assert_true(gic_its_table_wants_two_level(65536, 1, 32));
	assert_false(gic_its_table_wants_two_level(65536, 8, 13));
}

static void test_plan_flat(void **state)
{
	struct gic_its_table_plan p;
	/* QEMU's ITS: Devbits 16, 8-byte entries, 64 KiB pages: 512 KiB flat, 8 pages. */
	assert_int_equal(gic_its_table_plan(65536, 8, 16, false, &p), 0);
	assert_int_equal(p.ids, 65536);
	assert_int_equal(p.pages, 8);
	/* One bit: 2 entries in one page. */
	assert_int_equal(gic_its_table_plan(4096, 8, 1, false, &p), 0);
	assert_int_equal(p.ids, 2);
	assert_int_equal(p.pages, 1);
	/* Collections for 32 CPUs: 256 bytes, one page. */
	assert_int_equal(gic_its_table_plan(65536, 8, 5, false, &p), 0);
	assert_int_equal(p.ids, 32);
	assert_int_equal(p.pages, 1);
	/* Devbits 32 flat: 2^35 bytes cannot be described; 256 pages of 64 KiB hold 2^21 IDs. */
	assert_int_equal(gic_its_table_plan(65536, 8, 32, false, &p), 0);
	assert_int_equal(p.ids, 1ull << 21);
	assert_int_equal(p.pages, 256);
	/* Exactly 256 pages fit without reduction: 2^21 IDs of 8 bytes in 64 KiB pages. */
	assert_int_equal(gic_its_table_plan(65536, 8, 21, false, &p), 0);
	assert_int_equal(p.ids, 1ull << 21);
	assert_int_equal(p.pages, 256);
}

static void test_plan_two_level(void **state)
{
	struct gic_its_table_plan p;
	/* Devbits 32, 64 KiB pages of 8-byte entries: 2^13 IDs per level-2 page, 2^19 level-1
	 * entries of 8 bytes = 4 MiB = 64 pages; every DeviceID covered. */
	assert_int_equal(gic_its_table_plan(65536, 8, 32, true, &p), 0);
	assert_int_equal(p.ids, 0x100000000ull);
	assert_int_equal(p.pages, 64);
	/* 4 KiB pages: 2^9 per level-2 page, 2^23 level-1 entries = 2^14 pages; at most 256
	 * pages = 2^17 entries cover 2^26 IDs. */
	assert_int_equal(gic_its_table_plan(4096, 8, 32, true, &p), 0);
	assert_int_equal(p.ids, 1ull << 26);
	assert_int_equal(p.pages, 256);
	/* Devbits 16 two-level in 64 KiB pages: 8 level-1 entries, one page. */
	assert_int_equal(gic_its_table_plan(65536, 8, 16, true, &p), 0);
	assert_int_equal(p.ids, 65536);
	assert_int_equal(p.pages, 1);
	/* Fewer IDs than one level-2 page holds still take one level-1 entry. */
	assert_int_equal(gic_its_table_plan(65536, 8, 1, true, &p), 0);
	assert_int_equal(p.ids, 2);
	assert_int_equal(p.pages, 1);
}

static void test_plan_invalid(void **state)
{
	struct gic_its_table_plan p;
	assert_int_equal(gic_its_table_plan(0, 8, 16, false, &p), -EINVAL);
	assert_int_equal(gic_its_table_plan(4096, 0, 16, false, &p), -EINVAL);
	assert_int_equal(gic_its_table_plan(4096, 8192, 16, false, &p), -EINVAL);
	assert_int_equal(gic_its_table_plan(4096, 8, 0, false, &p), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_count),     cmocka_unit_test(test_wants_two_level),
		cmocka_unit_test(test_plan_flat),    cmocka_unit_test(test_plan_two_level),
		cmocka_unit_test(test_plan_invalid),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
