/* SPDX-License-Identifier: MIT */
/*
 * page_alloc over fake physical memory: a host buffer stands for physical
 * addresses [0, FAKE_SIZE); the map callback translates, and fails the
 * test if the allocator touches anything but conventional memory at or
 * above min_phys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/mm/dma_reserve.h"
#include "kernel/mm/page_alloc.h"

#define FAKE_PAGES 40960u /* 160 MiB */
#define FAKE_SIZE  ((uint64_t)FAKE_PAGES * PAGE_SIZE)
#define MIB        0x100000ull

static uint8_t *mem;

/* Where the allocator may write: the conventional regions, clipped to min_phys. */
static struct {
	paddr_t start, end;
} allowed[64];
static unsigned allowed_count;
static unsigned map_calls;

static void *fake_map(paddr_t phys, uint64_t len)
{
	map_calls++;
	if (!len || phys >= FAKE_SIZE || len > FAKE_SIZE - phys)
		fail_msg("map(0x%llx, 0x%llx) outside fake memory", (unsigned long long)phys,
			 (unsigned long long)len);
	/* Covered by the windows together: adjacent regions are one zone. */
	paddr_t at = phys;
	for (bool moved = true; at < phys + len && moved;) {
		moved = false;
		for (unsigned i = 0; i < allowed_count; i++) {
			if (at >= allowed[i].start && at < allowed[i].end) {
				at = allowed[i].end;
				moved = true;
			}
		}
	}
	if (at >= phys + len)
		return mem + phys;
	fail_msg("map(0x%llx, 0x%llx) outside conventional memory", (unsigned long long)phys,
		 (unsigned long long)len);
	return NULL;
}

static struct mem_region region(uint64_t base, uint64_t pages, uint32_t type)
{
	return (struct mem_region){.base = base, .pages = pages, .type = type};
}

static unsigned init(const struct mem_region *r, unsigned n, paddr_t min_phys)
{
	allowed_count = 0;
	for (unsigned i = 0; i < n; i++) {
		if (r[i].type != MEM_CONVENTIONAL)
			continue;
		assert_true(allowed_count < 64);
		paddr_t s = r[i].base, e = r[i].base + r[i].pages * PAGE_SIZE;
		allowed[allowed_count].start = s < min_phys ? min_phys : s;
		allowed[allowed_count].end = e;
		allowed_count++;
	}
	return page_alloc_init(r, n, min_phys, fake_map);
}

/* One conventional region of pages at base. */
static unsigned init_one(uint64_t base, uint64_t pages)
{
	struct mem_region r = region(base, pages, MEM_CONVENTIONAL);
	return init(&r, 1, 0);
}

static int setup(void **state)
{
	if (!mem) {
		mem = malloc(FAKE_SIZE);
		assert_non_null(mem);
	}
	memset(mem, 0xcc, 4096 * PAGE_SIZE); /* the low 16 MiB most tests use */
	map_calls = 0;
	/* No zones left over from the previous test. */
	assert_int_equal(page_alloc_init(NULL, 0, 0, fake_map), 0);
	return 0;
}

static int teardown_all(void **state)
{
	free(mem);
	mem = NULL;
	return 0;
}

static bool all_bytes(paddr_t phys, uint64_t len, uint8_t v)
{
	for (uint64_t i = 0; i < len; i++) {
		if (mem[phys + i] != v)
			return false;
	}
	return true;
}

static void test_no_regions(void **state)
{
	assert_int_equal(page_alloc_zone_count(), 0);
	assert_int_equal(page_alloc_total_pages(), 0);
	assert_int_equal(page_alloc_free_pages(), 0);
	assert_int_equal(page_alloc(1), 0);
	assert_int_equal(page_free(0x1000, 1), -EINVAL);
}

static void test_single_region_counts(void **state)
{
	/* 64 pages: one bitmap page, 63 managed. */
	assert_int_equal(init_one(MIB, 64), 1);
	assert_int_equal(page_alloc_zone_count(), 1);
	assert_int_equal(page_alloc_total_pages(), 63);
	assert_int_equal(page_alloc_free_pages(), 63);
	assert_int_equal(page_alloc(1), MIB + PAGE_SIZE);
	assert_int_equal(page_alloc(2), MIB + 2 * PAGE_SIZE);
	assert_int_equal(page_alloc(1), MIB + 4 * PAGE_SIZE);
	assert_int_equal(page_alloc_free_pages(), 59);
	assert_int_equal(page_alloc_total_pages(), 63);
}

static void test_init_writes_only_the_bitmap(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	assert_true(all_bytes(MIB, PAGE_SIZE, 0));
	assert_true(all_bytes(MIB + PAGE_SIZE, 63 * PAGE_SIZE, 0xcc));
	assert_true(all_bytes(0, MIB, 0xcc));
}

static void test_only_conventional_counts(void **state)
{
	const uint32_t others[] = {
		MEM_RESERVED, MEM_LOADER_CODE, MEM_LOADER_DATA, MEM_BS_CODE,      MEM_BS_DATA,
		MEM_RT_CODE,  MEM_RT_DATA,     MEM_UNUSABLE,    MEM_ACPI_RECLAIM, MEM_ACPI_NVS,
		MEM_MMIO,     MEM_MMIO_PORT,   MEM_PAL_CODE,    MEM_PERSISTENT,   99};
	struct mem_region r[16];
	unsigned n = 0;
	for (unsigned i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		r[n++] = region(MIB + i * 16 * PAGE_SIZE, 16, others[i]);
	r[n++] = region(8 * MIB, 32, MEM_CONVENTIONAL);
	assert_int_equal(init(r, n, 0), 1);
	assert_int_equal(page_alloc_total_pages(), 31);
	/* Everything comes from the conventional region (fake_map checks the rest). */
	uint64_t got = 0;
	paddr_t p;
	while ((p = page_alloc(1)) != 0) {
		assert_true(p >= 8 * MIB + PAGE_SIZE && p < 8 * MIB + 32 * PAGE_SIZE);
		got++;
	}
	assert_int_equal(got, 31);
}

static void test_min_phys_clips(void **state)
{
	/* 1 MiB..1 MiB+64 pages, min_phys 16 pages in: 48 pages left, one for the bitmap. */
	struct mem_region r = region(MIB, 64, MEM_CONVENTIONAL);
	assert_int_equal(init(&r, 1, MIB + 16 * PAGE_SIZE), 1);
	assert_int_equal(page_alloc_total_pages(), 47);
	assert_true(all_bytes(MIB, 16 * PAGE_SIZE, 0xcc));
	assert_int_equal(page_alloc(1), MIB + 17 * PAGE_SIZE);
}

static void test_min_phys_unaligned_rounds_up(void **state)
{
	struct mem_region r = region(MIB, 64, MEM_CONVENTIONAL);
	assert_int_equal(init(&r, 1, MIB + 16 * PAGE_SIZE + 0x800), 1);
	/* Starts at page 17: 47 pages, one for the bitmap. */
	assert_int_equal(page_alloc_total_pages(), 46);
	assert_int_equal(page_alloc(1), MIB + 18 * PAGE_SIZE);
}

static void test_min_phys_above_region(void **state)
{
	struct mem_region r[2] = {region(0, 256, MEM_CONVENTIONAL),
				  region(2 * MIB, 16, MEM_CONVENTIONAL)};
	/* The first ends at 1 MiB: skipped entirely. */
	assert_int_equal(init(r, 2, MIB), 1);
	assert_int_equal(page_alloc_total_pages(), 15);
	assert_int_equal(page_alloc(1), 2 * MIB + PAGE_SIZE);
	/* min_phys exactly at a region's end skips it too. */
	assert_int_equal(init(r, 1, MIB), 0);
	assert_int_equal(page_alloc_total_pages(), 0);
}

static void test_unaligned_region_base(void **state)
{
	/* 0x100800 + 64 pages: whole pages are 0x101000..0x140000, 63 of them. */
	assert_int_equal(init_one(MIB + 0x800, 64), 1);
	assert_int_equal(page_alloc_total_pages(), 62);
	assert_int_equal(page_alloc(1), MIB + 2 * PAGE_SIZE);
	assert_true(all_bytes(MIB, PAGE_SIZE, 0xcc));
}

static void test_region_at_zero_never_returns_zero(void **state)
{
	assert_int_equal(init_one(0, 8), 1);
	assert_int_equal(page_alloc(1), PAGE_SIZE);
}

static void test_too_small_regions(void **state)
{
	struct mem_region r[4] = {
		region(MIB, 0, MEM_CONVENTIONAL),
		region(2 * MIB, 1, MEM_CONVENTIONAL), /* only room for the bitmap */
		region(3 * MIB, 2, MEM_CONVENTIONAL), /* bitmap and one page: not worth a zone */
		region(4 * MIB, 3, MEM_CONVENTIONAL), /* bitmap and two pages */
	};
	assert_int_equal(init(r, 4, 0), 1);
	assert_int_equal(page_alloc_total_pages(), 2);
	assert_int_equal(page_alloc(2), 4 * MIB + PAGE_SIZE);
	/* A sub-page region, after rounding. */
	struct mem_region tiny = region(5 * MIB + 0x10, 1, MEM_CONVENTIONAL);
	assert_int_equal(init(&tiny, 1, 0), 0);
}

static void test_bitmap_spanning_pages(void **state)
{
	/* One bitmap page covers 32768 pages; one more page needs a second. */
	assert_int_equal(init_one(0, 32768), 1);
	assert_int_equal(page_alloc_total_pages(), 32767);
	assert_int_equal(page_alloc(1), PAGE_SIZE);

	assert_int_equal(init_one(0, 32769), 1);
	assert_int_equal(page_alloc_total_pages(), 32767);
	assert_int_equal(page_alloc(1), 2 * PAGE_SIZE);
	/* The last page of the zone is reachable and tracked. */
	paddr_t last = 32768ull * PAGE_SIZE;
	assert_int_equal(page_alloc_aligned(1, 32768), last);
	assert_int_equal(page_free(last, 1), 0);
	assert_int_equal(page_free(last, 1), -EINVAL);
	assert_int_equal(page_free(last, 2), -EINVAL);
}

static void test_alignment(void **state)
{
	/* 8 MiB at 1 MiB: zone pages 257..2303. */
	assert_int_equal(init_one(MIB, 2048), 1);
	assert_int_equal(page_alloc_aligned(1, 1), MIB + PAGE_SIZE);       /* page 257 */
	assert_int_equal(page_alloc_aligned(1, 2), MIB + 2 * PAGE_SIZE);   /* 258 */
	assert_int_equal(page_alloc_aligned(3, 2), MIB + 4 * PAGE_SIZE);   /* 260..262 */
	assert_int_equal(page_alloc_aligned(1, 16), MIB + 16 * PAGE_SIZE); /* 272 */
	assert_int_equal(page_alloc_aligned(1, 512), 2 * MIB);             /* 512 */
	assert_int_equal(page_alloc_aligned(512, 512), 4 * MIB);           /* 1024 */
	assert_int_equal(page_alloc_aligned(2, 16), MIB + 32 * PAGE_SIZE); /* 288 */
	/* Unaligned holes left behind are still used by smaller alignments. */
	assert_int_equal(page_alloc_aligned(1, 1), MIB + 3 * PAGE_SIZE); /* 259 */
	assert_int_equal(page_alloc_total_pages(), 2047);
	assert_int_equal(page_alloc_free_pages(), 2047 - 522);
}

static void test_alignment_runs_out(void **state)
{
	assert_int_equal(init_one(MIB, 2048), 1);
	/* 2 MiB blocks at pages 512, 1024, 1536; one at 2048 would pass the end (2304). */
	assert_int_equal(page_alloc_aligned(512, 512), 2 * MIB);
	assert_int_equal(page_alloc_aligned(512, 512), 4 * MIB);
	assert_int_equal(page_alloc_aligned(512, 512), 6 * MIB);
	assert_int_equal(page_alloc_aligned(512, 512), 0);
	assert_int_equal(page_alloc_free_pages(), 2047 - 3 * 512);
	/* The rest is still there for unaligned requests. */
	assert_int_equal(page_alloc_aligned(255, 1), MIB + PAGE_SIZE);
	assert_int_equal(page_alloc_aligned(256, 256), 8 * MIB);
	assert_int_equal(page_alloc_free_pages(), 0);
	assert_int_equal(page_alloc(1), 0);
}

static void test_invalid_requests(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	assert_int_equal(page_alloc(0), 0);
	assert_int_equal(page_alloc_aligned(0, 1), 0);
	assert_int_equal(page_alloc_aligned(1, 0), 0);
	assert_int_equal(page_alloc_aligned(1, 3), 0);
	assert_int_equal(page_alloc_aligned(1, 6), 0);
	assert_int_equal(page_alloc_aligned(1, 24), 0);
	assert_int_equal(page_alloc_free_pages(), 63);
}

static void test_exhaustion(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	for (unsigned i = 0; i < 63; i++)
		assert_int_equal(page_alloc(1), MIB + (i + 1) * PAGE_SIZE);
	assert_int_equal(page_alloc_free_pages(), 0);
	assert_int_equal(page_alloc(1), 0);
	assert_int_equal(page_alloc_aligned(1, 16), 0);
	assert_int_equal(page_free(MIB + 30 * PAGE_SIZE, 1), 0);
	assert_int_equal(page_alloc_free_pages(), 1);
	assert_int_equal(page_alloc(2), 0);
	assert_int_equal(page_alloc(1), MIB + 30 * PAGE_SIZE);
	assert_int_equal(page_alloc(1), 0);
}

static void test_request_larger_than_zone(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	assert_int_equal(page_alloc(64), 0);
	assert_int_equal(page_alloc(63), MIB + PAGE_SIZE);
	assert_int_equal(page_alloc_free_pages(), 0);
}

static void test_fragmentation(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	paddr_t p = page_alloc(10);
	assert_int_equal(p, MIB + PAGE_SIZE);
	assert_int_equal(page_free(p + 2 * PAGE_SIZE, 2), 0); /* hole of 2 at pages 2..3 */
	assert_int_equal(page_alloc(3), p + 10 * PAGE_SIZE);  /* does not fit the hole */
	assert_int_equal(page_alloc(2), p + 2 * PAGE_SIZE);   /* fits exactly */
	assert_int_equal(page_alloc_free_pages(), 63 - 13);
}

static void test_free_then_realloc_same_range(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	paddr_t a = page_alloc(4), b = page_alloc(4);
	assert_int_equal(b, a + 4 * PAGE_SIZE);
	assert_int_equal(page_free(a, 4), 0);
	assert_int_equal(page_alloc_free_pages(), 63 - 4);
	assert_int_equal(page_alloc(4), a);
	assert_int_equal(page_free(b, 4), 0);
	assert_int_equal(page_alloc(4), b);
	assert_int_equal(page_alloc_free_pages(), 63 - 8);
}

static void test_free_unallocated(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	paddr_t a = page_alloc(2);
	assert_int_equal(page_free(a + 2 * PAGE_SIZE, 1), -EINVAL);
	assert_int_equal(page_free(MIB + 40 * PAGE_SIZE, 3), -EINVAL);
	assert_int_equal(page_alloc_free_pages(), 61);
	/* Double free. */
	assert_int_equal(page_free(a, 2), 0);
	assert_int_equal(page_free(a, 2), -EINVAL);
	assert_int_equal(page_free(a, 1), -EINVAL);
	assert_int_equal(page_alloc_free_pages(), 63);
}

static void test_free_partially_allocated(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	paddr_t a = page_alloc(1), b = page_alloc(4);
	assert_int_equal(page_free(a, 1), 0);
	/* Free page, then allocated ones. */
	assert_int_equal(page_free(a, 5), -EINVAL);
	/* Allocated pages, then a free one. */
	assert_int_equal(page_free(b, 5), -EINVAL);
	assert_int_equal(page_free(b + 2 * PAGE_SIZE, 3), -EINVAL);
	/* Nothing changed: b is whole, a is still free. */
	assert_int_equal(page_alloc_free_pages(), 59);
	assert_int_equal(page_alloc(1), a);
	assert_int_equal(page_free(a, 1), 0);
	assert_int_equal(page_free(b, 4), 0);
	assert_int_equal(page_alloc_free_pages(), 63);
	assert_int_equal(page_alloc(5), a);
}

static void test_free_bad_addresses(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	paddr_t a = page_alloc(63);
	assert_int_equal(a, MIB + PAGE_SIZE);
	assert_int_equal(page_free(a + 0x10, 1), -EINVAL);           /* not page aligned */
	assert_int_equal(page_free(a, 0), -EINVAL);                  /* no pages */
	assert_int_equal(page_free(a + 62 * PAGE_SIZE, 2), -EINVAL); /* past the zone's end */
	assert_int_equal(page_free(a, 64), -EINVAL);
	assert_int_equal(page_free(MIB, 1), -EINVAL);                  /* the bitmap page */
	assert_int_equal(page_free(MIB + 64 * PAGE_SIZE, 1), -EINVAL); /* just after the zone */
	assert_int_equal(page_free(0, 1), -EINVAL);
	assert_int_equal(page_free(~(paddr_t)0 & ~(paddr_t)0xfff, 1), -EINVAL);
	assert_int_equal(page_alloc_free_pages(), 0);
	/* The bitmap (host byte order) is unchanged: bits 0..62 set. */
	uint64_t word;
	memcpy(&word, mem + MIB, sizeof(word));
	assert_int_equal(word, (1ull << 63) - 1);
	assert_true(all_bytes(MIB + 8, PAGE_SIZE - 8, 0));
	assert_int_equal(page_free(a, 63), 0);
	assert_int_equal(page_alloc_free_pages(), 63);
}

static void test_free_spanning_two_allocations(void **state)
{
	/* Only allocated pages are tracked, not allocations: freeing two at once works. */
	assert_int_equal(init_one(MIB, 64), 1);
	paddr_t a = page_alloc(2), b = page_alloc(3);
	assert_int_equal(b, a + 2 * PAGE_SIZE);
	assert_int_equal(page_free(a, 5), 0);
	assert_int_equal(page_alloc_free_pages(), 63);
}

static void test_zeroing(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	paddr_t a = page_alloc(3);
	assert_true(all_bytes(a, 3 * PAGE_SIZE, 0));
	assert_true(all_bytes(a + 3 * PAGE_SIZE, 60 * PAGE_SIZE, 0xcc));
	memset(mem + a, 0x77, 3 * PAGE_SIZE);
	assert_int_equal(page_free(a, 3), 0);
	assert_int_equal(page_alloc(2), a);
	assert_true(all_bytes(a, 2 * PAGE_SIZE, 0));
	assert_true(all_bytes(a + 2 * PAGE_SIZE, PAGE_SIZE, 0x77)); /* still free: untouched */
	paddr_t b = page_alloc_aligned(1, 16);
	assert_true(all_bytes(b, PAGE_SIZE, 0));
}

static void test_multiple_zones(void **state)
{
	struct mem_region r[3] = {
		region(MIB, 8, MEM_CONVENTIONAL),
		region(MIB + 8 * PAGE_SIZE, 8, MEM_BS_DATA),
		region(2 * MIB, 16, MEM_CONVENTIONAL),
	};
	assert_int_equal(init(r, 3, 0), 2);
	assert_int_equal(page_alloc_total_pages(), 7 + 15);
	/* Larger than the first zone: taken from the second. */
	assert_int_equal(page_alloc(8), 2 * MIB + PAGE_SIZE);
	assert_int_equal(page_alloc(7), MIB + PAGE_SIZE);
	assert_int_equal(page_alloc(1), 2 * MIB + 9 * PAGE_SIZE);
	assert_int_equal(page_alloc_free_pages(), 6);
	/* 6 pages free, but not 7 in one run of one zone. */
	assert_int_equal(page_alloc(7), 0);
	assert_int_equal(page_free(MIB + PAGE_SIZE, 7), 0);
	assert_int_equal(page_alloc_free_pages(), 13);
	/* A range across zones is not one allocation. */
	assert_int_equal(page_free(2 * MIB + PAGE_SIZE, 9), 0);
	assert_int_equal(page_alloc_free_pages(), 22);
	assert_int_equal(page_alloc(16), 0);
	assert_int_equal(page_alloc(15), 2 * MIB + PAGE_SIZE);
}

static void test_adjacent_regions_merge_into_one_zone(void **state)
{
	/* Given out of order: one zone all the same, with one bitmap page. */
	struct mem_region r[3] = {
		region(MIB + 8 * PAGE_SIZE, 8, MEM_CONVENTIONAL),
		region(MIB, 8, MEM_CONVENTIONAL),
		region(MIB + 16 * PAGE_SIZE, 8, MEM_CONVENTIONAL),
	};
	assert_int_equal(init(r, 3, 0), 1);
	assert_int_equal(page_alloc_total_pages(), 23);
	assert_int_equal(page_alloc(16), MIB + PAGE_SIZE);
	assert_int_equal(page_alloc(7), MIB + 17 * PAGE_SIZE);
	assert_int_equal(page_alloc_free_pages(), 0);
	/* A range that spanned two descriptors is one allocation now. */
	assert_int_equal(page_free(MIB + 5 * PAGE_SIZE, 8), 0);
	assert_int_equal(page_alloc(8), MIB + 5 * PAGE_SIZE);
}

static void test_max_zones(void **state)
{
	struct mem_region r[PAGE_ALLOC_MAX_ZONES + 8];
	unsigned n = PAGE_ALLOC_MAX_ZONES + 8;
	for (unsigned i = 0; i < n; i++)
		r[i] = region(MIB + i * 8 * PAGE_SIZE, 4, MEM_CONVENTIONAL);
	assert_int_equal(init(r, n, 0), PAGE_ALLOC_MAX_ZONES);
	assert_int_equal(page_alloc_zone_count(), PAGE_ALLOC_MAX_ZONES);
	assert_int_equal(page_alloc_total_pages(), PAGE_ALLOC_MAX_ZONES * 3);
	/* The first regions are kept; the ones past the limit are ignored. */
	paddr_t p;
	unsigned got = 0;
	while ((p = page_alloc(1)) != 0) {
		assert_true(p < MIB + PAGE_ALLOC_MAX_ZONES * 8 * PAGE_SIZE);
		got++;
	}
	assert_int_equal(got, PAGE_ALLOC_MAX_ZONES * 3);
	assert_int_equal(page_free(MIB + PAGE_ALLOC_MAX_ZONES * 8 * PAGE_SIZE + PAGE_SIZE, 1),
			 -EINVAL);
}

static void test_max_zones_counts_only_zones(void **state)
{
	/* Skipped regions (wrong type, too small, below min_phys) take no zone. */
	struct mem_region r[PAGE_ALLOC_MAX_ZONES + 3];
	unsigned n = 0;
	r[n++] = region(0, 16, MEM_CONVENTIONAL);          /* below min_phys */
	r[n++] = region(MIB / 2, 1, MEM_CONVENTIONAL);     /* too small (and low) */
	r[n++] = region(MIB / 2 + PAGE_SIZE, 4, MEM_MMIO); /* not RAM */
	for (unsigned i = 0; i < PAGE_ALLOC_MAX_ZONES; i++)
		r[n++] = region(MIB + i * 8 * PAGE_SIZE, 4, MEM_CONVENTIONAL);
	assert_int_equal(init(r, n, MIB), PAGE_ALLOC_MAX_ZONES);
	assert_int_equal(page_alloc_total_pages(), PAGE_ALLOC_MAX_ZONES * 3);
}

static void test_reinit_forgets_zones(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1);
	assert_int_not_equal(page_alloc(5), 0);
	assert_int_equal(init_one(4 * MIB, 16), 1);
	assert_int_equal(page_alloc_total_pages(), 15);
	assert_int_equal(page_alloc_free_pages(), 15);
	assert_int_equal(page_free(MIB + PAGE_SIZE, 5), -EINVAL);
	assert_int_equal(page_alloc(1), 4 * MIB + PAGE_SIZE);
}

/* A claimed range is never handed out; pages outside every zone are skipped. */
static void test_claim_keeps_pages_out(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1); /* bitmap at 1 MiB, pages from 1 MiB + 4 KiB */
	uint64_t n = 99;
	assert_int_equal(page_alloc_claim(MIB + 8 * PAGE_SIZE, 4 * PAGE_SIZE, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(page_alloc_free_pages(), 63 - 4);
	for (unsigned i = 0; i < 63 - 4; i++) {
		paddr_t pa = page_alloc(1);
		assert_int_not_equal(pa, 0);
		assert_false(pa >= MIB + 8 * PAGE_SIZE && pa < MIB + 12 * PAGE_SIZE);
	}
	assert_int_equal(page_alloc(1), 0);
	/* Below and above the zone: not doorbell's memory, nothing to claim. */
	assert_int_equal(page_alloc_claim(0, 16 * PAGE_SIZE, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(page_alloc_claim(MIB + 64 * PAGE_SIZE, PAGE_SIZE, &n), 0);
	assert_int_equal(n, 0);
	/* Partly in the zone: its managed part. */
	assert_int_equal(init_one(MIB, 64), 1);
	assert_int_equal(page_alloc_claim(MIB + 62 * PAGE_SIZE, 4 * PAGE_SIZE, &n), 0);
	assert_int_equal(n, 2);
}

/* Pages already handed out, or the zone's bitmap: -EBUSY and nothing claimed. */
static void test_claim_refuses_pages_in_use(void **state)
{
	struct mem_region r[] = {region(MIB, 16, MEM_CONVENTIONAL),
				 region(MIB + 16 * PAGE_SIZE, 1, MEM_RESERVED),
				 region(MIB + 17 * PAGE_SIZE, 16, MEM_CONVENTIONAL)};
	assert_int_equal(init(r, 3, 0), 2);
	uint64_t free0 = page_alloc_free_pages(), n = 99;
	paddr_t pa = page_alloc(1);
	assert_int_not_equal(pa, 0);
	assert_int_equal(page_alloc_claim(pa, 2 * PAGE_SIZE, &n), -EBUSY);
	assert_int_equal(n, 0);
	assert_int_equal(page_alloc_free_pages(), free0 - 1);
	/* The first zone's tail claimed, then the second zone's bitmap: undone. */
	assert_int_equal(page_alloc_claim(MIB + 12 * PAGE_SIZE, 8 * PAGE_SIZE, &n), -EBUSY);
	assert_int_equal(n, 0);
	assert_int_equal(page_alloc_free_pages(), free0 - 1);
	assert_int_equal(page_alloc_claim(MIB, PAGE_SIZE, &n), -EBUSY); /* first bitmap */
	assert_int_equal(page_free(pa, 1), 0);
	assert_int_equal(page_alloc_claim(pa, PAGE_SIZE, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(page_free(pa, 1), 0); /* claimed pages free like allocated ones */
	assert_int_equal(page_alloc_claim(MIB + 1, PAGE_SIZE, &n), -EINVAL);
	assert_int_equal(page_alloc_claim(MIB, 0, &n), -EINVAL);
	assert_int_equal(page_alloc_claim(UINT64_MAX & ~0xfffull, 2 * PAGE_SIZE, &n), -EINVAL);
}

/*
 * Firmware DMA ranges (dma_reserve): rounded out to whole pages; a range
 * another one already reserved is no conflict (two RMR nodes, or two SMMUs,
 * naming one range); pages doorbell uses are counted busy; reversed or
 * top-page ranges refused.
 */
static void test_dma_reserve(void **state)
{
	dma_reserve_reset();
	assert_int_equal(init_one(MIB, 64), 1); /* bitmap at 1 MiB */
	uint64_t n = 99, busy = 99;
	/* 0x...8800-0x...a7ff touches pages 8, 9 and 10. */
	assert_int_equal(
		dma_reserve(MIB + 8 * PAGE_SIZE + 0x800, MIB + 10 * PAGE_SIZE + 0x7ff, &n, &busy),
		0);
	assert_int_equal(n, 3);
	assert_int_equal(busy, 0);
	assert_int_equal(page_alloc_free_pages(), 63 - 3);
	/* The same range again, and one inside it: nothing more, nothing busy. */
	assert_int_equal(dma_reserve(MIB + 8 * PAGE_SIZE, MIB + 11 * PAGE_SIZE - 1, &n, &busy), 0);
	assert_int_equal(n, 0);
	assert_int_equal(busy, 0);
	assert_int_equal(dma_reserve(MIB + 9 * PAGE_SIZE + 5, MIB + 9 * PAGE_SIZE + 5, &n, &busy),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(busy, 0);
	/* Overlapping both ends of it: pages 6-7 and 11-12 are new. */
	assert_int_equal(dma_reserve(MIB + 6 * PAGE_SIZE, MIB + 13 * PAGE_SIZE - 1, &n, &busy), 0);
	assert_int_equal(n, 4);
	assert_int_equal(busy, 0);
	assert_int_equal(page_alloc_free_pages(), 63 - 7);
	/* Doorbell's own pages (the bitmap, an allocation) are busy, the free rest kept. */
	paddr_t pa = page_alloc(1);
	assert_int_equal(pa, MIB + PAGE_SIZE);
	assert_int_equal(dma_reserve(MIB, MIB + 4 * PAGE_SIZE - 1, &n, &busy), 0);
	assert_int_equal(n, 2);
	assert_int_equal(busy, 2);
	/* Outside every zone: nothing to keep, nothing busy. */
	assert_int_equal(dma_reserve(0, MIB - 1, &n, &busy), 0);
	assert_int_equal(n, 0);
	assert_int_equal(busy, 0);
	assert_int_equal(dma_reserve(MIB + PAGE_SIZE, MIB, &n, &busy), -EINVAL); /* reversed */
	assert_int_equal(dma_reserve(UINT64_MAX - 10, UINT64_MAX, &n, &busy), -EINVAL);
	assert_int_equal(n, 0);
	assert_int_equal(busy, 0);
	assert_int_equal(page_alloc_free_pages(), 63 - 1 - 7 - 2);
	dma_reserve_reset();
}

/* The free pages of a span are kept around the ones already in use; those are counted. */
static void test_claim_span_free_keeps_the_rest(void **state)
{
	assert_int_equal(init_one(MIB, 64), 1); /* bitmap at 1 MiB */
	paddr_t a = page_alloc(1), b = page_alloc(1);
	assert_int_equal(a, MIB + PAGE_SIZE);
	assert_int_equal(b, MIB + 2 * PAGE_SIZE);
	assert_int_equal(page_free(a, 1), 0);
	uint64_t n = 99, busy = 99;
	/* The bitmap and b are doorbell's; the other 14 of the first 16 pages are kept. */
	assert_int_equal(
		page_alloc_claim_span_free(MIB + 0x10, MIB + 16 * PAGE_SIZE - 1, &n, &busy), 0);
	assert_int_equal(n, 14);
	assert_int_equal(busy, 2);
	assert_int_equal(page_alloc_free_pages(), 63 - 1 - 14);
	for (paddr_t pa; (pa = page_alloc(1));)
		assert_true(pa >= MIB + 16 * PAGE_SIZE);
	/* Nothing in use: the whole span, no busy page; outside every zone: nothing. */
	assert_int_equal(init_one(MIB, 64), 1);
	assert_int_equal(
		page_alloc_claim_span_free(MIB + PAGE_SIZE, MIB + 64 * PAGE_SIZE - 1, &n, &busy),
		0);
	assert_int_equal(n, 63);
	assert_int_equal(busy, 0);
	assert_int_equal(page_alloc_claim_span_free(0, MIB - 1, &n, &busy), 0);
	assert_int_equal(n, 0);
	assert_int_equal(busy, 0);
	/* Already claimed pages count as busy the second time. */
	assert_int_equal(
		page_alloc_claim_span_free(MIB + PAGE_SIZE, MIB + 2 * PAGE_SIZE - 1, &n, &busy), 0);
	assert_int_equal(n, 0);
	assert_int_equal(busy, 1);
	assert_int_equal(page_alloc_claim_span_free(MIB, MIB - 1, &n, &busy), -EINVAL);
	assert_int_equal(page_alloc_claim_span_free(UINT64_MAX, UINT64_MAX, &n, &busy), -EINVAL);
	assert_int_equal(n, 0);
	assert_int_equal(busy, 0);
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_no_regions),
		T(test_single_region_counts),
		T(test_init_writes_only_the_bitmap),
		T(test_only_conventional_counts),
		T(test_min_phys_clips),
		T(test_min_phys_unaligned_rounds_up),
		T(test_min_phys_above_region),
		T(test_unaligned_region_base),
		T(test_region_at_zero_never_returns_zero),
		T(test_too_small_regions),
		T(test_bitmap_spanning_pages),
		T(test_alignment),
		T(test_alignment_runs_out),
		T(test_invalid_requests),
		T(test_exhaustion),
		T(test_request_larger_than_zone),
		T(test_fragmentation),
		T(test_free_then_realloc_same_range),
		T(test_free_unallocated),
		T(test_free_partially_allocated),
		T(test_free_bad_addresses),
		T(test_free_spanning_two_allocations),
		T(test_zeroing),
		T(test_multiple_zones),
		T(test_adjacent_regions_merge_into_one_zone),
		T(test_max_zones),
		T(test_max_zones_counts_only_zones),
		T(test_reinit_forgets_zones),
		T(test_claim_keeps_pages_out),
		T(test_claim_refuses_pages_in_use),
		T(test_dma_reserve),
		T(test_claim_span_free_keeps_the_rest),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_all);
}
