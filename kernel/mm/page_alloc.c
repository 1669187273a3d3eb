/* SPDX-License-Identifier: MIT */
#include "kernel/mm/page_alloc.h"

#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_idalloc.h"
#include "kernel/mm/mem_ranges.h"
#include "kernel/spinlock.h"

/*
 * A zone's pages are ids of the common allocator: page frame numbers
 * counted from origin, a multiple of 2^31 pages, so that every alignment
 * page_alloc_aligned can be asked for (a power of two in 32 bits) holds
 * for the physical address too.
 */
#define ZONE_ORIGIN_ALIGN (1ull << 31)

struct zone {
	paddr_t start;   /* the zone's first page: its bitmap */
	paddr_t base;    /* first page managed (after the bitmap) */
	uint64_t pages;  /* pages managed */
	uint64_t origin; /* page frame of id 0 */
	struct irq_idalloc ids;
};

static struct zone zones[PAGE_ALLOC_MAX_ZONES];
static unsigned zone_count, ranges_left_out;
static page_map_fn map_fn;
static struct spinlock lock;
/* The merged conventional ranges: one more than the map's descriptors for the 4 GiB split. */
static struct mem_range page_ranges[BOOT_MAX_REGIONS + 1];

static bool zone_add(paddr_t base, uint64_t pages)
{
	/* The bitmap lives in the zone's first pages. */
	uint64_t bitmap_bytes = IRQ_IDALLOC_WORDS(pages) * sizeof(uint64_t);
	uint64_t bitmap_pages = (bitmap_bytes + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages <= bitmap_pages + 1 || zone_count == PAGE_ALLOC_MAX_ZONES)
		return false;
	uint64_t origin = (base / PAGE_SIZE) & ~(ZONE_ORIGIN_ALIGN - 1);
	uint64_t first = (base / PAGE_SIZE) - origin + bitmap_pages;
	if (pages - bitmap_pages > UINT32_MAX - first)
		pages = UINT32_MAX - first + bitmap_pages; /* ids are 32 bits: the rest stays out */
	struct zone *z = &zones[zone_count++];
	uint64_t *map = map_fn(base, bitmap_pages * PAGE_SIZE);
	z->start = base;
	z->base = base + bitmap_pages * PAGE_SIZE;
	z->pages = pages - bitmap_pages;
	z->origin = origin;
	memset(map, 0, bitmap_pages * PAGE_SIZE);
	irq_idalloc_init(&z->ids, map, (uint32_t)first, (uint32_t)z->pages);
	return true;
}

unsigned page_alloc_init(const struct mem_region *regions, unsigned count, paddr_t min_phys,
			 page_map_fn map)
{
	const unsigned cap = sizeof(page_ranges) / sizeof(page_ranges[0]);
	unsigned dropped;
	zone_count = 0;
	map_fn = map;
	unsigned n = mem_ranges_collect(regions, count, mem_ranges_type_free, page_ranges, cap - 1,
					&dropped);
	n = mem_ranges_usable(page_ranges, n, cap, min_phys);
	/* A zone needs a bitmap page and a page to manage: smaller ranges take no slot. */
	unsigned big = 0;
	for (unsigned i = 0; i < n; i++)
		if (page_ranges[i].end - page_ranges[i].base > 2 * PAGE_SIZE)
			page_ranges[big++] = page_ranges[i];
	unsigned kept = mem_ranges_keep_largest(page_ranges, big, PAGE_ALLOC_MAX_ZONES);
	ranges_left_out = dropped + (n - kept);
	for (unsigned i = 0; i < kept; i++) {
		const struct mem_range *r = &page_ranges[i];
		if (!zone_add(r->base, (r->end - r->base) / PAGE_SIZE))
			ranges_left_out++;
	}
	return zone_count;
}

static bool zone_in_class(const struct zone *z, enum page_class cls)
{
	return cls == PAGE_CLASS_ANY || z->base + z->pages * PAGE_SIZE <= MEM_RANGES_4GIB;
}

/*
 * The zone after prev in best-fit order (fewest free pages, then lower
 * address) among those of class cls with at least pages free; -1 at the
 * end. prev -1 starts.
 */
static int zone_next_fit(int prev, unsigned pages, enum page_class cls)
{
	uint32_t pf = prev < 0 ? 0 : irq_idalloc_free_count(&zones[prev].ids);
	int best = -1;
	uint32_t bf = 0;
	for (unsigned i = 0; i < zone_count; i++) {
		uint32_t f = irq_idalloc_free_count(&zones[i].ids);
		if (!zone_in_class(&zones[i], cls) || f < pages)
			continue;
		/* Strictly after prev in (free, index) order. */
		if (prev >= 0 && (f < pf || (f == pf && (int)i <= prev)))
			continue;
		if (best < 0 || f < bf) {
			best = (int)i;
			bf = f;
		}
	}
	return best;
}

paddr_t page_alloc_class(unsigned pages, unsigned align_pages, enum page_class cls)
{
	if (!pages || !align_pages || (align_pages & (align_pages - 1)))
		return 0;
	spin_lock(&lock);
	for (int zi = zone_next_fit(-1, pages, cls); zi >= 0; zi = zone_next_fit(zi, pages, cls)) {
		uint32_t id;
		if (irq_idalloc_alloc_range(&zones[zi].ids, pages, align_pages, &id))
			continue;
		spin_unlock(&lock);
		paddr_t pa = (zones[zi].origin + id) * PAGE_SIZE;
		memset(map_fn(pa, (uint64_t)pages * PAGE_SIZE), 0, (size_t)pages * PAGE_SIZE);
		return pa;
	}
	spin_unlock(&lock);
	return 0;
}

paddr_t page_alloc_aligned(unsigned pages, unsigned align_pages)
{
	return page_alloc_class(pages, align_pages, PAGE_CLASS_ANY);
}

paddr_t page_alloc(unsigned pages)
{
	return page_alloc_class(pages, 1, PAGE_CLASS_ANY);
}

int page_free(paddr_t phys, unsigned pages)
{
	int ret = -EINVAL;
	spin_lock(&lock);
	for (unsigned zi = 0; zi < zone_count; zi++) {
		struct zone *z = &zones[zi];
		if (phys < z->base || phys >= z->base + z->pages * PAGE_SIZE)
			continue;
		if (phys % PAGE_SIZE == 0)
			ret = irq_idalloc_free_range(
				&z->ids, (uint32_t)(phys / PAGE_SIZE - z->origin), pages);
		break;
	}
	spin_unlock(&lock);
	return ret;
}

int page_alloc_claim(paddr_t phys, uint64_t len, uint64_t *claimed)
{
	*claimed = 0;
	if (!len || phys % PAGE_SIZE || len % PAGE_SIZE || len > UINT64_MAX - phys)
		return -EINVAL;
	paddr_t end = phys + len;
	struct {
		unsigned zone;
		uint32_t id, nr;
	} taken[PAGE_ALLOC_MAX_ZONES]; /* claimed so far, undone on -EBUSY */
	unsigned nt = 0;
	int ret = 0;
	spin_lock(&lock);
	for (unsigned zi = 0; zi < zone_count && !ret; zi++) {
		struct zone *z = &zones[zi];
		paddr_t zend = z->base + z->pages * PAGE_SIZE;
		if (end <= z->start || phys >= zend)
			continue;
		if (phys < z->base) { /* the zone's bitmap */
			ret = -EBUSY;
			break;
		}
		paddr_t to = end < zend ? end : zend;
		uint32_t id = (uint32_t)(phys / PAGE_SIZE - z->origin);
		uint32_t nr = (uint32_t)((to - phys) / PAGE_SIZE);
		ret = irq_idalloc_alloc_at(&z->ids, id, nr);
		if (!ret) {
			taken[nt].zone = zi;
			taken[nt].id = id;
			taken[nt++].nr = nr;
			*claimed += nr;
		}
	}
	if (ret) {
		for (unsigned i = 0; i < nt; i++)
			irq_idalloc_free_range(&zones[taken[i].zone].ids, taken[i].id, taken[i].nr);
		*claimed = 0;
	}
	spin_unlock(&lock);
	return ret;
}

/* Claims the free pages of [first, end) by halves around the busy ones: O(busy * log pages). */
static uint64_t claim_free(paddr_t first, paddr_t end, uint64_t *busy)
{
	uint64_t pages = (end - first) / PAGE_SIZE, claimed;
	if (page_alloc_claim(first, end - first, &claimed) != -EBUSY)
		return claimed;
	if (pages == 1) {
		(*busy)++;
		return 0;
	}
	paddr_t mid = first + pages / 2 * PAGE_SIZE;
	return claim_free(first, mid, busy) + claim_free(mid, end, busy);
}

int page_alloc_claim_span_free(paddr_t base, paddr_t last, uint64_t *claimed, uint64_t *busy)
{
	paddr_t first = base & ~(paddr_t)(PAGE_SIZE - 1);
	paddr_t end = (last | (PAGE_SIZE - 1)) + 1;
	*claimed = 0;
	*busy = 0;
	if (last < base || !end)
		return -EINVAL;
	*claimed = claim_free(first, end, busy);
	return 0;
}

uint64_t page_alloc_free_pages(void)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < zone_count; i++)
		n += irq_idalloc_free_count(&zones[i].ids);
	return n;
}

uint64_t page_alloc_total_pages(void)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < zone_count; i++)
		n += zones[i].pages;
	return n;
}

unsigned page_alloc_zone_count(void)
{
	return zone_count;
}

int page_alloc_zone(unsigned i, paddr_t *base, uint64_t *pages)
{
	if (i >= zone_count)
		return -EINVAL;
	*base = zones[i].base;
	*pages = zones[i].pages;
	return 0;
}

unsigned page_alloc_ranges_left_out(void)
{
	return ranges_left_out;
}
