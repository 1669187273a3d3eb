/* SPDX-License-Identifier: MIT */
#include "kernel/mm/page_alloc.h"

#include <string.h>

#include "kernel/errno.h"
#include "kernel/spinlock.h"

struct zone {
	paddr_t base;   /* first page managed (after the bitmap) */
	uint64_t pages; /* pages managed */
	uint64_t free;
	uint64_t *bitmap; /* bit set = allocated */
};

static struct zone zones[PAGE_ALLOC_MAX_ZONES];
static unsigned zone_count;
static page_map_fn map_fn;
static struct spinlock lock;

static bool bit_get(const struct zone *z, uint64_t i)
{
	return z->bitmap[i / 64] >> (i % 64) & 1;
}

static void bits_set(struct zone *z, uint64_t i, uint64_t n, bool v)
{
	for (uint64_t k = i; k < i + n; k++) {
		if (v)
			z->bitmap[k / 64] |= 1ull << (k % 64);
		else
			z->bitmap[k / 64] &= ~(1ull << (k % 64));
	}
}

static void zone_add(paddr_t base, uint64_t pages)
{
	/* The bitmap lives in the zone's first pages. */
	uint64_t bitmap_bytes = (pages + 63) / 64 * 8;
	uint64_t bitmap_pages = (bitmap_bytes + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages <= bitmap_pages + 1 || zone_count == PAGE_ALLOC_MAX_ZONES)
		return;
	struct zone *z = &zones[zone_count++];
	z->bitmap = map_fn(base, bitmap_pages * PAGE_SIZE);
	z->base = base + bitmap_pages * PAGE_SIZE;
	z->pages = pages - bitmap_pages;
	z->free = z->pages;
	memset(z->bitmap, 0, bitmap_pages * PAGE_SIZE);
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
		struct zone *z = &zones[zi];
		if (z->free < pages)
			continue;
		uint64_t first = z->base / PAGE_SIZE;
		uint64_t i = (first + align_pages - 1) / align_pages * align_pages - first;
		while (i + pages <= z->pages) {
			uint64_t k = 0;
			while (k < pages && !bit_get(z, i + k))
				k++;
			if (k == pages) {
				bits_set(z, i, pages, true);
				z->free -= pages;
				spin_unlock(&lock);
				paddr_t pa = z->base + i * PAGE_SIZE;
				memset(map_fn(pa, (uint64_t)pages * PAGE_SIZE), 0,
				       (size_t)pages * PAGE_SIZE);
				return pa;
			}
			/* Skip past the used page, to the next aligned start. */
			uint64_t next = i + k + 1;
			i = (first + next + align_pages - 1) / align_pages * align_pages - first;
		}
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
		if (phys % PAGE_SIZE)
			break;
		uint64_t i = (phys - z->base) / PAGE_SIZE;
		if (!pages || i + pages > z->pages)
			break;
		for (uint64_t k = 0; k < pages; k++) {
			if (!bit_get(z, i + k))
				goto out;
		}
		bits_set(z, i, pages, false);
		z->free += pages;
		ret = 0;
		break;
	}
out:
	spin_unlock(&lock);
	return ret;
}

uint64_t page_alloc_free_pages(void)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < zone_count; i++)
		n += zones[i].free;
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
