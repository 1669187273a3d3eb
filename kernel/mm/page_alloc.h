/* SPDX-License-Identifier: MIT */
/*
 * Page allocator over the firmware's conventional memory. The memory map's
 * conventional descriptors are merged into ranges (kernel/mm/mem_ranges.h),
 * split at 4 GiB so that each zone lies in one address class; with more
 * ranges than zones the largest are kept. Each zone is one id allocator
 * (kernel/irq/irq_idalloc.h) whose bitmap sits at the start of the zone.
 * A request goes to the zone of its class with the fewest free pages that
 * can hold it (best fit: large runs stay whole for large requests), the
 * lower address first on equal counts. Physical memory is reached through
 * a map callback so host tests can fake it.
 */
#ifndef DOORBELL_PAGE_ALLOC_H
#define DOORBELL_PAGE_ALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/handoff.h"

#define PAGE_SIZE            4096u
#define PAGE_ALLOC_MAX_ZONES 32

typedef uint64_t paddr_t;

/* Where an allocation may come from. */
enum page_class {
	PAGE_CLASS_ANY,   /* anywhere */
	PAGE_CLASS_DMA32, /* wholly below 4 GiB: 32-bit DMA, 32-bit code */
};

/* Returns a writable pointer to len bytes at phys (the guest: identity). */
typedef void *(*page_map_fn)(paddr_t phys, uint64_t len);

/*
 * Builds zones from conventional-memory regions (any order, adjacent or
 * overlapping ones merged), skipping memory below min_phys. Returns the
 * zone count.
 */
unsigned page_alloc_init(const struct mem_region *regions, unsigned count, paddr_t min_phys,
			 page_map_fn map);
/*
 * pages contiguous pages aligned to align_pages (a power of two) from
 * class cls, zeroed; 0 when out.
 */
paddr_t page_alloc_class(unsigned pages, unsigned align_pages, enum page_class cls);
paddr_t page_alloc_aligned(unsigned pages, unsigned align_pages);
paddr_t page_alloc(unsigned pages);
/* Returns -EINVAL for a range that is not entirely allocated. */
int page_free(paddr_t phys, unsigned pages);
/*
 * Keeps the managed pages of [phys, phys + len) (page-aligned) from ever
 * being handed out: memory the firmware gave a device (an IORT RMR range
 * in conventional memory). Pages outside every zone are not doorbell's to
 * claim and are skipped; *claimed counts those taken. 0; -EINVAL for an
 * empty, unaligned or wrapping range; -EBUSY when any managed page is
 * already allocated or holds a zone's bitmap (then none is claimed).
 */
int page_alloc_claim(paddr_t phys, uint64_t len, uint64_t *claimed);
/*
 * page_alloc_claim over the whole pages around [base, last] (last inclusive,
 * either end unaligned), keeping every managed page that is still free when
 * some are already allocated (or a zone's bitmap): those are counted in *busy
 * and stay where they are. 0 (with *busy possibly non-zero), or -EINVAL,
 * nothing claimed, for a reversed range (last < base) or one whose last page
 * is the top of the address space. Firmware DMA ranges go through
 * dma_reserve, which remembers what it reserved.
 */
int page_alloc_claim_span_free(paddr_t base, paddr_t last, uint64_t *claimed, uint64_t *busy);
uint64_t page_alloc_free_pages(void);
uint64_t page_alloc_total_pages(void);
unsigned page_alloc_zone_count(void);
/* Zone i's managed pages [*base, *base + *pages * PAGE_SIZE): -EINVAL past the last. */
int page_alloc_zone(unsigned i, paddr_t *base, uint64_t *pages);
/* Conventional ranges (after merging) that found no zone: too small or too many. */
unsigned page_alloc_ranges_left_out(void);

#endif
