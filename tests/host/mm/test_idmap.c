/* SPDX-License-Identifier: MIT */
/*
 * idmap: the start-up plan, the leaf sizes chosen, on-demand additions and
 * their cost, over tables in host memory with x86-style descriptors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/mm/idmap.h"
#include "tests/host/mm/uefi_map.h"

#define GIB        (1ull << 30)
#define TIB        (1ull << 40)
#define MIB2       (1ull << 21)
#define P          (1ull << 0)
#define PS         (1ull << 7)
#define UC         (3ull << 3) /* PCD | PWT */
#define ADDR       0x000ffffffffff000ull
#define POOL_BASE  0x7f0000000000ull /* where the fake tables "are" */
#define POOL_PAGES 4096

static uint64_t (*pool)[512];
static unsigned pool_used, pool_limit;

static uint64_t fake_alloc(void)
{
	if (pool_used >= pool_limit)
		return 0;
	memset(pool[pool_used], 0, 4096);
	return POOL_BASE + (uint64_t)pool_used++ * 4096;
}

static uint64_t *fake_ptr(uint64_t pa)
{
	uint64_t i = (pa - POOL_BASE) / 4096;
	if (pa < POOL_BASE || i >= pool_used || pa % 4096)
		fail_msg("table 0x%llx was never allocated", (unsigned long long)pa);
	return pool[i];
}

static uint64_t t_table(uint64_t pa)
{
	return pa | P | 2;
}

static uint64_t t_leaf(uint64_t pa, unsigned level, bool ram)
{
	return pa | P | 2 | (level < 3 ? PS : 0) | (ram ? 0 : UC);
}

static bool t_present(uint64_t e)
{
	return e & P;
}

static bool t_is_table(uint64_t e, unsigned level)
{
	return (e & P) && (level == 0 || !(e & PS));
}

static const struct idmap_ops ops = {
	.table = t_table,
	.leaf = t_leaf,
	.present = t_present,
	.is_table = t_is_table,
	.addr_mask = ADDR,
};

/* RAM: below 640 KiB, 1 MiB to 0x7f000000, and 4-6 GiB. */
static const struct mem_range ram[] = {
	{0x0, 0x9f000},
	{0x100000, 0x7f000000},
	{0x100000000, 0x180000000},
};

static struct idmap m;

static int setup_all(void **state)
{
	pool = calloc(POOL_PAGES, 4096);
	return pool ? 0 : -1;
}

static int teardown_all(void **state)
{
	free(pool);
	return 0;
}

static void start(bool gib, unsigned pa_bits)
{
	pool_used = 0;
	pool_limit = POOL_PAGES;
	memset(&m, 0, sizeof(m));
	m.ops = &ops;
	m.gib_leaves = gib;
	m.pa_top = 1ull << pa_bits;
	m.alloc_table = fake_alloc;
	m.table_ptr = fake_ptr;
	m.ram = ram;
	m.ram_count = 3;
	assert_int_equal(idmap_init(&m), 0);
	assert_int_equal(m.root, POOL_BASE);
}

/* The leaf that maps va: its level, and it must map va to itself as RAM or not. */
static void expect_leaf(uint64_t va, unsigned level, bool is_ram)
{
	uint64_t e = 0;
	unsigned got = idmap_lookup(&m, va, &e);
	if (got != level)
		fail_msg("0x%llx: level %u, want %u", (unsigned long long)va, got, level);
	if (!level)
		return;
	uint64_t span = 1ull << (39 - 9 * level);
	assert_int_equal(e & ADDR & ~(span - 1), va & ~(span - 1));
	assert_int_equal(!(e & UC), is_ram);
}

static void test_parange_bits(void **state)
{
	assert_int_equal(idmap_parange_bits(0), 32);
	assert_int_equal(idmap_parange_bits(2), 40);
	assert_int_equal(idmap_parange_bits(5), 48);
	assert_int_equal(idmap_parange_bits(6), 52);
	assert_int_equal(idmap_parange_bits(7), 0);
}

static void test_plan_of_the_uefi_map(void **state)
{
	/* Everything below 512 GiB: one range. */
	struct mem_range r[UEFI_MAP_COUNT + 1];
	unsigned clipped = 9;
	assert_int_equal(idmap_plan(uefi_map, UEFI_MAP_COUNT, 512 * GIB, 1ull << 40, r, &clipped),
			 1);
	assert_int_equal(r[0].base, 0);
	assert_int_equal(r[0].end, 512 * GIB);
	assert_int_equal(clipped, 0);
	/* A CPU with 36 address bits: capped at 64 GiB. */
	assert_int_equal(idmap_plan(uefi_map, UEFI_MAP_COUNT, 512 * GIB, 1ull << 36, r, &clipped),
			 1);
	assert_int_equal(r[0].end, 64 * GIB);
}

static void test_plan_above_the_floor(void **state)
{
	/* RAM above 512 GiB on a second node, a reserved range at 2 TiB, one past the width. */
	const struct mem_region map[] = {
		UEFI_D(0x100000, 0x80000000, MEM_CONVENTIONAL),
		UEFI_D(0x8000000000, 0x8040000000, MEM_CONVENTIONAL), /* 512 GiB + 1 GiB */
		UEFI_D(0x8040000000, 0x8080001000, MEM_RESERVED),     /* touches: one range */
		UEFI_D(0x20000000000 + 0x1000, 0x20000002000, MEM_RESERVED), /* 2 TiB: 1 GiB */
		UEFI_D(0xa000000000, 0xa000200000, MEM_MMIO),                /* 640 GiB */
		UEFI_D(0x1000000000000, 0x1000000001000, MEM_MMIO),          /* 16 TiB: beyond */
	};
	struct mem_range r[7];
	unsigned clipped;
	unsigned n = idmap_plan(map, 6, 512 * GIB, 4 * TIB, r, &clipped);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].base, 0);
	assert_int_equal(r[0].end, 515 * GIB); /* 512 GiB floor, then the node rounded out */
	assert_int_equal(r[1].base, 640 * GIB);
	assert_int_equal(r[1].end, 641 * GIB);
	assert_int_equal(r[2].base, 2 * TIB);
	assert_int_equal(r[2].end, 2 * TIB + GIB);
	assert_int_equal(clipped, 1);
}

static void test_leaves_with_1gib_pages(void **state)
{
	start(true, 40);
	assert_int_equal(idmap_map(&m, 0, 512 * GIB), 0);
	/* Root, one PDPT, a PD for each of the two mixed GiBs, a PT for the first 2 MiB. */
	assert_int_equal(m.table_pages, 5);
	expect_leaf(0x0, 3, true);
	expect_leaf(0x9e000, 3, true);
	expect_leaf(0x9f000, 3, false);
	expect_leaf(0xa0000, 3, false);
	expect_leaf(0x100000, 3, true);
	expect_leaf(0x200000, 2, true);
	expect_leaf(0x7ee00000, 2, true);
	expect_leaf(0x7f000000, 2, false);
	expect_leaf(0x80000000, 1, false);
	expect_leaf(0xfee00000, 1, false);
	expect_leaf(0x100000000, 1, true);
	expect_leaf(0x17fffffff, 1, true);
	expect_leaf(0x180000000, 1, false);
	expect_leaf(511 * GIB, 1, false);
	expect_leaf(512 * GIB, 0, false);
}

static void test_leaves_without_1gib_pages(void **state)
{
	/* 2 MiB pages: a PD for every GiB, the cost the fallback pays. */
	start(false, 40);
	assert_int_equal(idmap_map(&m, 0, 512 * GIB), 0);
	assert_int_equal(m.table_pages, 1 + 1 + 512 + 1);
	expect_leaf(0x0, 3, true);
	expect_leaf(0x200000, 2, true);
	expect_leaf(0x80000000, 2, false);
	expect_leaf(0x100000000, 2, true);
	expect_leaf(511 * GIB + 510 * MIB2, 2, false);
	expect_leaf(512 * GIB, 0, false);
}

static void test_on_demand_bar(void **state)
{
	start(true, 40);
	assert_int_equal(idmap_map(&m, 0, 512 * GIB), 0);
	assert_int_equal(idmap_first_hole(&m, 512 * GIB, 1ull << 40), 512 * GIB);
	/* A 64-bit BAR at 896 GiB: one more PDPT, one 1 GiB device leaf. */
	assert_int_equal(idmap_map(&m, 896 * GIB, 896 * GIB + 0x1000000), 0);
	assert_int_equal(m.table_pages, 6);
	expect_leaf(896 * GIB + 0x800000, 1, false);
	expect_leaf(897 * GIB, 0, false);
	/* Again: nothing changes. */
	assert_int_equal(idmap_map(&m, 896 * GIB, 896 * GIB + 0x1000), 0);
	assert_int_equal(m.table_pages, 6);
	/* The hole moves past what gets mapped. */
	assert_int_equal(idmap_map(&m, 512 * GIB, 513 * GIB), 0);
	assert_int_equal(idmap_first_hole(&m, 512 * GIB, 1ull << 40), 513 * GIB);
	assert_int_equal(idmap_first_hole(&m, 896 * GIB, 897 * GIB), 0);
	/* Past the width: refused. */
	assert_int_equal(idmap_map(&m, 1ull << 40, (1ull << 40) + 0x1000), -ERANGE);
	assert_int_equal(idmap_map(&m, 0x1000, 0x1000), -ERANGE);
	assert_int_equal(idmap_map(&m, 0x2000, 0x1000), -ERANGE);
}

static void test_on_demand_bar_without_1gib_pages(void **state)
{
	start(false, 40);
	assert_int_equal(idmap_map(&m, 0, 4 * GIB), 0);
	unsigned before = m.table_pages;
	/* 16 MiB at 1 TiB - 1 GiB: a PDPT and a PD; eight 2 MiB leaves, the rest absent. */
	uint64_t bar = TIB - GIB + 0x2000000;
	assert_int_equal(idmap_map(&m, bar, bar + 0x1000000), 0);
	assert_int_equal(m.table_pages, before + 2);
	expect_leaf(bar, 2, false);
	expect_leaf(bar + 0xe00000, 2, false);
	expect_leaf(bar + 0x1000000, 0, false);
	expect_leaf(bar - MIB2, 0, false);
}

static void test_existing_entries_stay(void **state)
{
	start(true, 40);
	assert_int_equal(idmap_map(&m, 0, 8 * GIB), 0);
	unsigned pages = m.table_pages;
	uint64_t root0 = fake_ptr(m.root)[0];
	uint64_t *pdpt = fake_ptr(root0 & ADDR);
	uint64_t snap[512];
	memcpy(snap, pdpt, sizeof(snap));
	assert_int_equal(idmap_map(&m, 0x1000, 8 * GIB), 0);
	assert_int_equal(m.table_pages, pages);
	assert_memory_equal(snap, pdpt, sizeof(snap));
}

static void test_out_of_table_pages(void **state)
{
	start(false, 40);
	pool_limit = 10;
	assert_int_equal(idmap_map(&m, 0, 512 * GIB), -ENOMEM);
	assert_int_equal(m.table_pages, 10);
}

static void test_cost_of_a_big_machine(void **state)
{
	/* 1 TiB of RAM at 64 TiB, 48-bit addresses: two PDPTs of 1 GiB leaves, no more. */
	const struct mem_region map[] = {
		UEFI_D(0x100000, 0x80000000, MEM_CONVENTIONAL),
		{.base = 64 * TIB, .pages = TIB / 4096, .type = MEM_CONVENTIONAL},
	};
	struct mem_range r[3];
	unsigned n = idmap_plan(map, 2, 512 * GIB, 1ull << 48, r, NULL);
	assert_int_equal(n, 2);
	start(true, 48);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(idmap_map(&m, r[i].base, r[i].end), 0);
	assert_int_equal(m.table_pages, 5 + 2);
	expect_leaf(64 * TIB, 1, false); /* not RAM in this test's ram[] */
	expect_leaf(65 * TIB - 1, 1, false);
	expect_leaf(65 * TIB, 0, false);
	expect_leaf(32 * TIB, 0, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parange_bits),
		cmocka_unit_test(test_plan_of_the_uefi_map),
		cmocka_unit_test(test_plan_above_the_floor),
		cmocka_unit_test(test_leaves_with_1gib_pages),
		cmocka_unit_test(test_leaves_without_1gib_pages),
		cmocka_unit_test(test_on_demand_bar),
		cmocka_unit_test(test_on_demand_bar_without_1gib_pages),
		cmocka_unit_test(test_existing_entries_stay),
		cmocka_unit_test(test_out_of_table_pages),
		cmocka_unit_test(test_cost_of_a_big_machine),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
