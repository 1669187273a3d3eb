/* SPDX-License-Identifier: MIT */
/*
 * page_alloc over the fragmented UEFI map of uefi_map.h: merged zones,
 * best-fit placement, the 4 GiB class and its exhaustion (the whole map
 * drained is tests/host/mm/test_page_alloc.c's, on smaller maps). Physical memory up to
 * the map's end is a reserved host mapping touched only where the
 * allocator writes (bitmaps, zeroed allocations).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/mm/mem_ranges.h"
#include "kernel/mm/page_alloc.h"
#include "tests/host/mm/uefi_map.h"

#define MIB 0x100000ull
#define GIB (1ull << 30)

static uint8_t *mem;

static void *fake_map(paddr_t phys, uint64_t len)
{
	if (!len || phys >= UEFI_MAP_END || len > UEFI_MAP_END - phys)
		fail_msg("map(0x%llx, 0x%llx) outside fake memory", (unsigned long long)phys,
			 (unsigned long long)len);
	/* Only conventional memory at or above 1 MiB is the allocator's. */
	paddr_t at = phys;
	for (unsigned i = 0; i < UEFI_MAP_COUNT && at < phys + len; i++) {
		const struct mem_region *r = &uefi_map[i];
		if (r->type == MEM_CONVENTIONAL && at >= r->base && at < r->base + r->pages * 4096)
			at = r->base + r->pages * 4096;
	}
	if (at < phys + len || phys < MIB)
		fail_msg("map(0x%llx, 0x%llx) outside conventional memory",
			 (unsigned long long)phys, (unsigned long long)len);
	return mem + phys;
}

/* Anything in the fake memory (for maps other than uefi_map). */
static void *fake_map_any(paddr_t phys, uint64_t len)
{
	if (!len || phys >= UEFI_MAP_END || len > UEFI_MAP_END - phys)
		fail_msg("map(0x%llx, 0x%llx) outside fake memory", (unsigned long long)phys,
			 (unsigned long long)len);
	return mem + phys;
}

static int setup_all(void **state)
{
	void *p = mmap(NULL, UEFI_MAP_END, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	mem = p;
	return 0;
}

static int teardown_all(void **state)
{
	(void)mem; /* left to the exit: unmapping makes the sanitizer walk its shadow */
	return 0;
}

static int setup(void **state)
{
	assert_int_equal(page_alloc_init(uefi_map, UEFI_MAP_COUNT, MIB, fake_map), 7);
	return 0;
}

/* The zones: merged ranges after their bitmap pages (one page of bitmap per 32768 pages). */
static const struct {
	paddr_t base;
	uint64_t pages;
} zones[] = {
	{0x101000, 3839},     /* 0x100000-0x1000000: four descriptors */
	{0x1021000, 4063},    /* 0x1020000-0x2000000: two */
	{0x3001000, 8191},    /* 0x3000000-0x5000000: four */
	{0xb001000, 12287},   /* 0xb000000-0xe000000: three */
	{0x100002000, 65534}, /* 4 GiB-0x110000000: four */
	{0x110102000, 65278}, /* after a reserved MiB above 4 GiB: two */
	{0x120012000, 65518}, /* after an unusable range */
};
#define ZONES       (sizeof(zones) / sizeof(zones[0]))
#define DMA32_PAGES (3839 + 4063 + 8191 + 12287)
#define HIGH_PAGES  (65534 + 65278 + 65518)

static void test_zones_are_the_merged_ranges(void **state)
{
	assert_int_equal(page_alloc_zone_count(), ZONES);
	for (unsigned i = 0; i < ZONES; i++) {
		paddr_t base;
		uint64_t pages;
		assert_int_equal(page_alloc_zone(i, &base, &pages), 0);
		assert_int_equal(base, zones[i].base);
		assert_int_equal(pages, zones[i].pages);
	}
	paddr_t b;
	uint64_t p;
	assert_int_equal(page_alloc_zone(ZONES, &b, &p), -EINVAL);
	/* Below 1 MiB is not taken; the one-page fragment at 0x2400000 finds no zone. */
	assert_int_equal(page_alloc_ranges_left_out(), 1);
	assert_int_equal(page_alloc_total_pages(), DMA32_PAGES + HIGH_PAGES);
	assert_int_equal(page_alloc_free_pages(), DMA32_PAGES + HIGH_PAGES);
}

static void test_best_fit(void **state)
{
	/* The zone with the fewest free pages that holds the request. */
	assert_int_equal(page_alloc(1), 0x101000);
	assert_int_equal(page_alloc(4000), 0x1021000);
	assert_int_equal(page_alloc(1), 0x1021000 + 4000ull * PAGE_SIZE); /* now the fullest */
	assert_int_equal(page_alloc(8000), 0x3001000);    /* not the 12287 of 0xb001000 */
	assert_int_equal(page_alloc(12287), 0xb001000);   /* fits exactly */
	assert_int_equal(page_alloc(30000), 0x110102000); /* the smallest high zone */
	assert_int_equal(page_alloc(65534), 0x100002000);
	/* 0x110102000's zone has 35278 left, 0x120012000's 65518. */
	assert_int_equal(page_alloc(35279), 0x120012000);
	assert_int_equal(page_alloc(35278), 0x110102000 + 30000ull * PAGE_SIZE);
}

static void test_best_fit_falls_back_when_fragmented(void **state)
{
	/* The fullest zone has enough free pages but no run: the next one serves. */
	paddr_t a = page_alloc(3839);
	assert_int_equal(a, 0x101000);
	for (unsigned i = 0; i < 3839; i += 2)
		assert_int_equal(page_free(a + (uint64_t)i * PAGE_SIZE, 1), 0);
	assert_int_equal(page_alloc_free_pages(), DMA32_PAGES + HIGH_PAGES - 3839 + 1920);
	assert_int_equal(page_alloc(2), 0x1021000);
	assert_int_equal(page_alloc(1), 0x101000);
}

static void test_dma32_class(void **state)
{
	assert_int_equal(page_alloc_class(1, 1, PAGE_CLASS_DMA32), 0x101000);
	/* Larger than every zone below 4 GiB: none for DMA32, a high zone for anyone. */
	assert_int_equal(page_alloc_class(28672, 1, PAGE_CLASS_DMA32), 0);
	assert_int_equal(page_alloc_class(28672, 1, PAGE_CLASS_ANY), 0x110102000);
	assert_int_equal(page_alloc_class(12287, 1, PAGE_CLASS_DMA32), 0xb001000);
	/* Alignment holds in both classes. */
	assert_int_equal(page_alloc_class(1, 512, PAGE_CLASS_DMA32), 0x200000);
	assert_int_equal(page_alloc_class(512, 512, PAGE_CLASS_DMA32), 0x400000);
	/* 128 MiB aligned: no zone below 4 GiB holds such a boundary. */
	assert_int_equal(page_alloc_class(1, 1u << 15, PAGE_CLASS_ANY), 0x118000000);
	assert_int_equal(page_alloc_class(1, 1u << 15, PAGE_CLASS_DMA32), 0);
	assert_int_equal(page_alloc_class(0, 1, PAGE_CLASS_DMA32), 0);
	assert_int_equal(page_alloc_class(1, 3, PAGE_CLASS_DMA32), 0);
}

static void test_dma32_exhaustion(void **state)
{
	uint64_t got = 0;
	paddr_t p;
	while ((p = page_alloc_class(1024, 1, PAGE_CLASS_DMA32)) != 0) {
		assert_true(p + 1024 * PAGE_SIZE <= MEM_RANGES_4GIB);
		got += 1024;
		madvise(mem + p, 1024 * PAGE_SIZE, MADV_DONTNEED); /* the test need not hold them */
	}
	while ((p = page_alloc_class(1, 1, PAGE_CLASS_DMA32)) != 0) {
		assert_true(p < MEM_RANGES_4GIB);
		got++;
	}
	assert_int_equal(got, DMA32_PAGES);
	assert_int_equal(page_alloc_free_pages(), HIGH_PAGES);
	/* Above 4 GiB is untouched and still serves anyone. */
	assert_int_equal(page_alloc(1), 0x110102000);
	assert_int_equal(page_alloc_class(1, 1, PAGE_CLASS_DMA32), 0);
	/* One page back below 4 GiB: DMA32 gets exactly that one. */
	assert_int_equal(page_free(0xb001000 + 7 * PAGE_SIZE, 1), 0);
	assert_int_equal(page_alloc_class(1, 1, PAGE_CLASS_DMA32), 0xb001000 + 7 * PAGE_SIZE);
}

static void test_crossing_4gib_is_split(void **state)
{
	/* arm64 virt with RAM from 3 GiB to 5 GiB in one descriptor: two zones, one per class. */
	const struct mem_region m[] = {UEFI_D(0xc0000000, 0x140000000, MEM_CONVENTIONAL)};
	assert_int_equal(page_alloc_init(m, 1, MIB, fake_map_any), 2);
	paddr_t base;
	uint64_t pages;
	assert_int_equal(page_alloc_zone(0, &base, &pages), 0);
	assert_int_equal(base, 0xc0008000);
	assert_int_equal(pages, 262136);
	assert_int_equal(page_alloc_zone(1, &base, &pages), 0);
	assert_int_equal(base, 0x100008000);
	assert_int_equal(pages, 262136);
	/* Equal free counts: the lower first; then the fuller one keeps serving. */
	assert_int_equal(page_alloc_class(1, 1, PAGE_CLASS_DMA32), 0xc0008000);
	assert_int_equal(page_alloc(1), 0xc0009000);
	assert_int_equal(page_alloc(262134), 0xc000a000);
	assert_int_equal(page_alloc(1), 0x100008000);
	assert_int_equal(page_alloc_class(1, 1, PAGE_CLASS_DMA32), 0);
	/* Not one allocation across the boundary. */
	assert_int_equal(page_free(0xc000a000, 262134), 0);
	assert_int_equal(page_alloc(262135), 0x100009000);
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_zones_are_the_merged_ranges),
		T(test_best_fit),
		T(test_best_fit_falls_back_when_fragmented),
		T(test_dma32_class),
		T(test_dma32_exhaustion),
		T(test_crossing_4gib_is_split),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
