/* SPDX-License-Identifier: MIT */
/*
 * Identity page tables for a 4 KiB granule and four levels of 512 entries
 * (x86-64 4-level paging, SDM Vol. 3A §4.5; VMSAv8-64 with a 48-bit input
 * address, Arm ARM D5): level 0 entries span 512 GiB, level 1 1 GiB,
 * level 2 2 MiB, level 3 4 KiB. The arch gives the descriptor encodings;
 * this file decides what to map and with which leaf size: the largest leaf
 * whose span is all RAM or all not-RAM (a 1 GiB leaf only where the arch
 * has them), so that RAM is cacheable and nothing else is.
 *
 * What is mapped (idmap_plan): [0, floor) and every memory-map region
 * above it, rounded out to 1 GiB, all bounded by the physical address
 * width. Holes between regions above the floor stay unmapped and cost
 * nothing; a BAR placed there is added on demand (idmap_map through
 * arch_mmio_map). The cost follows what exists, not the address span.
 * Pure: host tests build tables in fake memory.
 */
#ifndef DOORBELL_IDMAP_H
#define DOORBELL_IDMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/mm/mem_ranges.h"

#define IDMAP_LEVELS  4
#define IDMAP_ENTRIES 512
#define IDMAP_GIB     (1ull << 30)
#define IDMAP_VA_TOP  (1ull << 48)

/* The arch's descriptors. */
struct idmap_ops {
	/* A level 0-2 entry pointing to the next-level table at pa. */
	uint64_t (*table)(uint64_t pa);
	/* A leaf at level 1 (1 GiB), 2 (2 MiB) or 3 (4 KiB); ram: cacheable. */
	uint64_t (*leaf)(uint64_t pa, unsigned level, bool ram);
	/* The entry is present (a table or a leaf). */
	bool (*present)(uint64_t e);
	/* A present entry at level (0-2) that points to a table. */
	bool (*is_table)(uint64_t e, unsigned level);
	/* The table address in a table entry. */
	uint64_t addr_mask;
};

struct idmap {
	const struct idmap_ops *ops;
	uint64_t root;   /* physical address of the level 0 table */
	bool gib_leaves; /* level 1 leaves allowed */
	uint64_t pa_top; /* 1 << the physical address width */
	/* A zeroed page for a table (0 when out), and a pointer to a table's entries. */
	uint64_t (*alloc_table)(void);
	uint64_t *(*table_ptr)(uint64_t pa);
	const struct mem_range *ram; /* sorted, merged RAM ranges */
	unsigned ram_count;
	unsigned table_pages; /* tables allocated, the root included */
};

/* Physical address bits from ID_AA64MMFR0_EL1.PARange (0 for a reserved value). */
unsigned idmap_parange_bits(unsigned parange);

/*
 * Starts m: allocates the root. 0, -ENOMEM. ops, gib_leaves, pa_top,
 * alloc_table, table_ptr and ram must be set.
 */
int idmap_init(struct idmap *m);

/*
 * Maps [base, end) where nothing is mapped yet: entries present stay as
 * they are. Leaves may cover more than asked (up to their span).
 * 0, -ERANGE (empty, wrapping, or past pa_top), -ENOMEM.
 */
int idmap_map(struct idmap *m, uint64_t base, uint64_t end);

/*
 * The ranges to map at start-up: [0, min(floor, pa_top)) and every
 * memory-map region (of any kind) above the floor rounded out to 1 GiB and
 * clipped at pa_top, merged and sorted, in out (room for count + 1).
 * Returns how many; *clipped counts regions that reach past pa_top.
 */
unsigned idmap_plan(const struct mem_region *regions, unsigned count, uint64_t floor,
		    uint64_t pa_top, struct mem_range *out, unsigned *clipped);

/* The leaf level that translates va (1-3), 0 when unmapped. */
unsigned idmap_lookup(const struct idmap *m, uint64_t va, uint64_t *entry);

/*
 * The first 1 GiB-aligned address at or above from, below limit, with no
 * translation at all in its 1 GiB; 0 when there is none.
 */
uint64_t idmap_first_hole(const struct idmap *m, uint64_t from, uint64_t limit);

#endif
