/* SPDX-License-Identifier: MIT */
#include "kernel/mm/page_alloc.h"

#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_idalloc.h"
#include "kernel/spinlock.h"

/*
 * A zone's pages are ids of the common allocator: page frame numbers
 * counted from origin, a multiple of 2^31 pages, so that every alignment
 * page_alloc_aligned can be asked for (a power of two in 32 bits) holds
 * for the physical address too.
 */
#define ZONE_ORIGIN_ALIGN (1ull << 31)

struct zone {
	paddr_t base;    /* first page managed (after the bitmap) */
	uint64_t pages;  /* pages managed */
	uint64_t origin; /* page frame of id 0 */
	struct irq_idalloc ids;
};

static struct zone zones[PAGE_ALLOC_MAX_ZONES];
static unsigned zone_count;
static page_map_fn map_fn;
static struct spinlock lock;

static void zone_add(paddr_t base, uint64_t pages)
{
	/* The bitmap lives in the zone's first pages. */
	uint64_t bitmap_bytes = IRQ_IDALLOC_WORDS(pages) * sizeof(uint64_t);
	uint64_t bitmap_pages = (bitmap_bytes + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages <= bitmap_pages + 1 || zone_count == PAGE_ALLOC_MAX_ZONES)
		return;
	uint64_t origin = (base / PAGE_SIZE) & ~(ZONE_ORIGIN_ALIGN - 1);
	uint64_t first = (base / PAGE_SIZE) - origin + bitmap_pages;
	if (pages - bitmap_pages > UINT32_MAX - first)
		pages = UINT32_MAX - first + bitmap_pages; /* ids are 32 bits: the rest stays out */
	struct zone *z = &zones[zone_count++];
	uint64_t *map = map_fn(base, bitmap_pages * PAGE_SIZE);
	z->base = base + bitmap_pages * PAGE_SIZE;
	z->pages = pages - bitmap_pages;
	z->origin = origin;
	memset(map, 0, bitmap_pages * PAGE_SIZE);
	irq_idalloc_init(&z->ids, map, (uint32_t)first, (uint32_t)z->pages);
}

unsigned page_alloc_init(const struct mem_region *regions, unsigned count, paddr_t min_phys,
			 page_map_fn map)
{
	zone_count = 0;
	map_fn = map;
	for (unsigned i = 0; i < count; i++) {
		const struct mem_region *r = &regions[i];
		if (r->type != MEM_CONVENTIONAL)
			continue;
		paddr_t base = r->base, end = r->base + r->pages * PAGE_SIZE;
		if (base < min_phys)
			base = min_phys;
		base = (base + PAGE_SIZE - 1) & ~(paddr_t)(PAGE_SIZE - 1);
		if (end <= base)
			continue;
		zone_add(base, (end - base) / PAGE_SIZE);
	}
	return zone_count;
}

paddr_t page_alloc_aligned(unsigned pages, unsigned align_pages)
{
	if (!pages || !align_pages || (align_pages & (align_pages - 1)))
		return 0;
	spin_lock(&lock);
	for (unsigned zi = 0; zi < zone_count; zi++) {
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

paddr_t page_alloc(unsigned pages)
{
	return page_alloc_aligned(pages, 1);
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
