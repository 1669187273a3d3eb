/* SPDX-License-Identifier: MIT */
/*
 * Page allocator over the firmware's conventional memory: one id allocator
 * (kernel/irq/irq_idalloc.h) per zone (a run of free RAM), its bitmap kept
 * at the start of the zone itself. Physical
 * memory is reached through a map callback so host tests can fake it.
 */
#ifndef DOORBELL_PAGE_ALLOC_H
#define DOORBELL_PAGE_ALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/handoff.h"

#define PAGE_SIZE            4096u
#define PAGE_ALLOC_MAX_ZONES 32

typedef uint64_t paddr_t;

/* Returns a writable pointer to len bytes at phys (the guest: identity). */
typedef void *(*page_map_fn)(paddr_t phys, uint64_t len);

/*
 * Builds zones from conventional-memory regions, skipping memory below
 * min_phys. Returns the zone count.
 */
unsigned page_alloc_init(const struct mem_region *regions, unsigned count, paddr_t min_phys,
			 page_map_fn map);
/* pages contiguous pages aligned to align_pages (a power of two), zeroed; 0 when out. */
paddr_t page_alloc_aligned(unsigned pages, unsigned align_pages);
paddr_t page_alloc(unsigned pages);
/* Returns -EINVAL for a range that is not entirely allocated. */
int page_free(paddr_t phys, unsigned pages);
uint64_t page_alloc_free_pages(void);
uint64_t page_alloc_total_pages(void);
unsigned page_alloc_zone_count(void);

#endif
