/* SPDX-License-Identifier: MIT */
/*
 * Physical address ranges from the firmware's memory map (UEFI 2.10 §7.2):
 * the descriptors of the kinds asked for, sorted, with touching or
 * overlapping ones merged (firmware splits one bank of RAM into many
 * adjacent descriptors), clipped and split where the caller needs. Pure:
 * the page allocator and the identity map plan use it, and so do the host
 * tests.
 */
#ifndef DOORBELL_MEM_RANGES_H
#define DOORBELL_MEM_RANGES_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/handoff.h"

#define MEM_RANGES_PAGE 4096ull
#define MEM_RANGES_4GIB (1ull << 32)

/* [base, end): end is exclusive. */
struct mem_range {
	uint64_t base, end;
};

/* Conventional memory: free for the kernel once boot services are gone. */
bool mem_ranges_type_free(uint32_t type);
/* Memory the CPU caches (every RAM kind, including firmware's and persistent memory). */
bool mem_ranges_type_ram(uint32_t type);
/* Every descriptor, whatever its kind. */
bool mem_ranges_type_any(uint32_t type);

/*
 * The regions whose type keep accepts, sorted by base, touching or
 * overlapping ones merged; zero-length ones and ones that wrap are left
 * out. Returns how many went to out, at most max; when more would be
 * needed the highest are left out and counted in *dropped (may be NULL).
 * Room for count ranges always suffices.
 */
unsigned mem_ranges_collect(const struct mem_region *regions, unsigned count,
			    bool (*keep)(uint32_t type), struct mem_range *out, unsigned max,
			    unsigned *dropped);

/*
 * Whole pages of the sorted, disjoint r[0..count) at or above min_phys,
 * the range that crosses MEM_RANGES_4GIB split there so that each range
 * is in one address class (r holds max: the split needs count < max, else
 * that range stays whole). Ranges left empty are dropped. In place;
 * returns the new count.
 */
unsigned mem_ranges_usable(struct mem_range *r, unsigned count, unsigned max, uint64_t min_phys);

/*
 * Keeps the max largest ranges (on equal sizes the lower address stays),
 * in address order. Returns the new count.
 */
unsigned mem_ranges_keep_largest(struct mem_range *r, unsigned count, unsigned max);

/* Bytes of [base, base + size) that lie in the sorted ranges r[0..count). */
uint64_t mem_ranges_overlap(const struct mem_range *r, unsigned count, uint64_t base,
			    uint64_t size);

#endif
