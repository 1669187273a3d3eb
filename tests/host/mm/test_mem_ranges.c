/* SPDX-License-Identifier: MIT */
/* mem_ranges: collecting, merging, clipping, splitting and choosing ranges of the memory map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kernel/mm/mem_ranges.h"
#include "tests/host/mm/uefi_map.h"

#define R(b, e) ((struct mem_range){(b), (e)})

static void expect_ranges(const struct mem_range *got, unsigned n, const struct mem_range *want,
			  unsigned wn)
{
	assert_int_equal(n, wn);
	for (unsigned i = 0; i < n; i++) {
		if (got[i].base != want[i].base || got[i].end != want[i].end)
			fail_msg("range %u: 0x%llx-0x%llx, want 0x%llx-0x%llx", i,
				 (unsigned long long)got[i].base, (unsigned long long)got[i].end,
				 (unsigned long long)want[i].base, (unsigned long long)want[i].end);
	}
}

static void test_free_ranges_of_the_uefi_map(void **state)
{
	struct mem_range r[UEFI_MAP_COUNT];
	unsigned dropped = 99;
	unsigned n = mem_ranges_collect(uefi_map, UEFI_MAP_COUNT, mem_ranges_type_free, r,
					UEFI_MAP_COUNT, &dropped);
	const struct mem_range want[] = {
		R(0x1000, 0x58000),          R(0x59000, 0x9f000),
		R(0x100000, 0x1000000),      R(0x1020000, 0x2000000),
		R(0x2400000, 0x2401000),     R(0x3000000, 0x5000000),
		R(0xb000000, 0xe000000),     R(0x100000000, 0x110000000),
		R(0x110100000, 0x120000000), R(0x120010000, 0x130000000),
	};
	expect_ranges(r, n, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(dropped, 0);
}

static void test_ram_ranges_of_the_uefi_map(void **state)
{
	/* Every RAM kind merges: firmware's, loader's and ACPI memory are cacheable too. */
	struct mem_range r[UEFI_MAP_COUNT];
	unsigned n = mem_ranges_collect(uefi_map, UEFI_MAP_COUNT, mem_ranges_type_ram, r,
					UEFI_MAP_COUNT, NULL);
	const struct mem_range want[] = {
		R(0x0, 0x58000),
		R(0x59000, 0x9f000),
		R(0x100000, 0xe000000),
		R(0x100000000, 0x110000000),
		R(0x110100000, 0x120000000),
		R(0x120010000, 0x130000000),
	};
	expect_ranges(r, n, want, sizeof(want) / sizeof(want[0]));
}

static void test_any_ranges_cover_the_map(void **state)
{
	struct mem_range r[UEFI_MAP_COUNT];
	unsigned n = mem_ranges_collect(uefi_map, UEFI_MAP_COUNT, mem_ranges_type_any, r,
					UEFI_MAP_COUNT, NULL);
	const struct mem_range want[] = {
		R(0x0, 0xa0000),           R(0x100000, 0x10000000),     R(0xe0000000, 0xf0000000),
		R(0xfed1c000, 0xfed20000), R(0xff000000, UEFI_MAP_END),
	};
	expect_ranges(r, n, want, sizeof(want) / sizeof(want[0]));
}

static void test_unsorted_and_overlapping(void **state)
{
	const struct mem_region m[] = {
		UEFI_D(0x500000, 0x600000, MEM_CONVENTIONAL),
		UEFI_D(0x100000, 0x200000, MEM_CONVENTIONAL),
		UEFI_D(0x300000, 0x400000, MEM_CONVENTIONAL),
		UEFI_D(0x180000, 0x380000, MEM_CONVENTIONAL), /* bridges the first two */
		UEFI_D(0x700000, 0x700000, MEM_CONVENTIONAL), /* empty */
		UEFI_D(0x600000, 0x601000, MEM_CONVENTIONAL), /* touches */
		{.base = 0xfffffffffffff000ull, .pages = 2, .type = MEM_CONVENTIONAL}, /* wraps */
		UEFI_D(0x0, 0x1000, MEM_CONVENTIONAL),
	};
	struct mem_range r[8];
	unsigned n = mem_ranges_collect(m, 8, mem_ranges_type_free, r, 8, NULL);
	const struct mem_range want[] = {R(0x0, 0x1000), R(0x100000, 0x400000),
					 R(0x500000, 0x601000)};
	expect_ranges(r, n, want, 3);
}

static void test_merge_chain_closes_gaps(void **state)
{
	/* Three apart, then one that spans them all. */
	const struct mem_region m[] = {
		UEFI_D(0x1000, 0x2000, MEM_CONVENTIONAL), UEFI_D(0x3000, 0x4000, MEM_CONVENTIONAL),
		UEFI_D(0x5000, 0x6000, MEM_CONVENTIONAL), UEFI_D(0x9000, 0xa000, MEM_CONVENTIONAL),
		UEFI_D(0x0, 0x7000, MEM_CONVENTIONAL),
	};
	struct mem_range r[5];
	unsigned n = mem_ranges_collect(m, 5, mem_ranges_type_free, r, 5, NULL);
	const struct mem_range want[] = {R(0x0, 0x7000), R(0x9000, 0xa000)};
	expect_ranges(r, n, want, 2);
}

static void test_collect_full_drops_the_highest(void **state)
{
	const struct mem_region m[] = {
		UEFI_D(0x5000, 0x6000, MEM_CONVENTIONAL), UEFI_D(0x1000, 0x2000, MEM_CONVENTIONAL),
		UEFI_D(0x9000, 0xa000, MEM_CONVENTIONAL), /* higher than both: dropped */
		UEFI_D(0x3000, 0x4000, MEM_CONVENTIONAL), /* lower: 0x5000 goes */
		UEFI_D(0x2000, 0x3000, MEM_CONVENTIONAL), /* merges: no slot needed */
	};
	struct mem_range r[2];
	unsigned dropped;
	unsigned n = mem_ranges_collect(m, 5, mem_ranges_type_free, r, 2, &dropped);
	const struct mem_range want[] = {R(0x1000, 0x4000)};
	expect_ranges(r, n, want, 1);
	assert_int_equal(dropped, 2);
	assert_int_equal(mem_ranges_collect(m, 5, mem_ranges_type_free, r, 0, &dropped), 0);
}

static void test_usable_clips_and_splits_at_4gib(void **state)
{
	struct mem_range r[6] = {
		R(0x0, 0x9f000),
		R(0x100800, 0x200000),       /* unaligned base */
		R(0x300000, 0x300800),       /* less than a page */
		R(0xc0000000, 0x140000000),  /* crosses 4 GiB */
		R(0x200000000, 0x200fff800), /* unaligned end */
	};
	unsigned n = mem_ranges_usable(r, 5, 6, 0x100000);
	const struct mem_range want[] = {R(0x101000, 0x200000), R(0xc0000000, 0x100000000),
					 R(0x100000000, 0x140000000), R(0x200000000, 0x200fff000)};
	expect_ranges(r, n, want, 4);
}

static void test_usable_without_room_keeps_the_crossing_range(void **state)
{
	struct mem_range r[1] = {R(0xc0000000, 0x140000000)};
	expect_ranges(r, mem_ranges_usable(r, 1, 1, 0),
		      (struct mem_range[]){R(0xc0000000, 0x140000000)}, 1);
}

static void test_keep_largest(void **state)
{
	struct mem_range r[5] = {R(0x0, 0x2000), R(0x10000, 0x11000), R(0x20000, 0x30000),
				 R(0x40000, 0x41000), R(0x50000, 0x52000)};
	/* Sizes 2, 1, 16, 1, 2 pages: the two one-page ranges go, then the higher two-page one. */
	unsigned n = mem_ranges_keep_largest(r, 5, 2);
	const struct mem_range want[] = {R(0x0, 0x2000), R(0x20000, 0x30000)};
	expect_ranges(r, n, want, 2);
	assert_int_equal(mem_ranges_keep_largest(r, 2, 8), 2);
}

static void test_overlap(void **state)
{
	const struct mem_range r[] = {R(0x1000, 0x3000), R(0x5000, 0x6000)};
	assert_int_equal(mem_ranges_overlap(r, 2, 0x0, 0x1000), 0);
	assert_int_equal(mem_ranges_overlap(r, 2, 0x0, 0x8000), 0x3000);
	assert_int_equal(mem_ranges_overlap(r, 2, 0x2000, 0x4000), 0x2000);
	assert_int_equal(mem_ranges_overlap(r, 2, 0x1000, 0x2000), 0x2000);
	assert_int_equal(mem_ranges_overlap(r, 2, 0x6000, 0x1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_ranges_of_the_uefi_map),
		cmocka_unit_test(test_ram_ranges_of_the_uefi_map),
		cmocka_unit_test(test_any_ranges_cover_the_map),
		cmocka_unit_test(test_unsorted_and_overlapping),
		cmocka_unit_test(test_merge_chain_closes_gaps),
		cmocka_unit_test(test_collect_full_drops_the_highest),
		cmocka_unit_test(test_usable_clips_and_splits_at_4gib),
		cmocka_unit_test(test_usable_without_room_keeps_the_crossing_range),
		cmocka_unit_test(test_keep_largest),
		cmocka_unit_test(test_overlap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
