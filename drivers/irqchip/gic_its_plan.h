/* SPDX-License-Identifier: MIT */
/*
 * Sizes of an ITS's ID spaces and tables, pure (Arm IHI 0069H §12.19.25
 * GITS_TYPER, §12.19.1 GITS_BASER<n>). GITS_TYPER.Devbits and ID_bits
 * are 5-bit fields holding bits - 1: up to 32 bits each, so the number of
 * IDs is kept in 64 bits (1u << 32 is undefined in C).
 */
#ifndef DOORBELL_GIC_ITS_PLAN_H
#define DOORBELL_GIC_ITS_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_ITS_BASER_PAGES_MAX 256 /* GITS_BASER<n>.Size is 8 bits: pages - 1 */
#define GIC_ITS_L1_ENTRY        8   /* a level-1 entry of a two-level table */

/* IDs in a space of `bits` bits (1..32; larger is taken as 32): 2^bits. */
uint64_t gic_its_id_count(unsigned bits);

/* How a GITS_BASER table covering an ID space is laid out. */
struct gic_its_table_plan {
	uint64_t ids;   /* IDs the table covers: 2^id_bits, fewer when it would not fit */
	unsigned pages; /* of page_size bytes, 1..GIC_ITS_BASER_PAGES_MAX */
};

/* A flat table for id_bits IDs needs more than one page (two levels pay off). */
bool gic_its_table_wants_two_level(unsigned page_size, unsigned entry_size, unsigned id_bits);
/*
 * The table for id_bits IDs of entry_size bytes in page_size pages, flat or
 * two-level (level 1: GIC_ITS_L1_ENTRY bytes per level-2 page). When 256
 * pages cannot cover them all the table covers the largest power of two of
 * IDs that fits (Linux's its_setup_baser reduces the ids the same way).
 * 0, -EINVAL (a size of 0, an entry larger than a page).
 */
int gic_its_table_plan(unsigned page_size, unsigned entry_size, unsigned id_bits, bool two_level,
		       struct gic_its_table_plan *out);

#endif
