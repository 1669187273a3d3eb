/* SPDX-License-Identifier: MIT */
/*
 * Memory attributes of the GIC's table registers: GITS_BASER<n>,
 * GITS_CBASER (Arm IHI 0069H §12.19.1, §12.19.2) and GICR_PROPBASER,
 * GICR_PENDBASER (§12.10.21, §12.10.22). Each holds a Shareability field
 * (bits 11:10) and an InnerCache field (bits 61:59 in the ITS's registers,
 * bits 9:7 in the redistributor's); OuterCache 0 means "as InnerCache".
 * doorbell asks for Inner Shareable, Read-allocate Write-allocate
 * Write-back. Where the GIC does not snoop, Shareability reads back
 * Non-shareable: the table is then given as Normal Inner Non-cacheable and
 * every CPU write to it is cleaned to the point of coherency. Pure: no
 * register is touched here.
 */
#ifndef DOORBELL_GIC_BASER_ATTR_H
#define DOORBELL_GIC_BASER_ATTR_H

#include <stdbool.h>
#include <stdint.h>

enum gic_baser_layout {
	GIC_BASER_LAYOUT_ITS,  /* GITS_BASER<n>, GITS_CBASER: InnerCache 61:59, OuterCache 55:53 */
	GIC_BASER_LAYOUT_GICR, /* GICR_PROPBASER, GICR_PENDBASER: InnerCache 9:7, OuterCache 58:56 */
};

#define GIC_BASER_SH_SHIFT 10
#define GIC_BASER_SH_MASK  (3ull << GIC_BASER_SH_SHIFT)
#define GIC_BASER_SH_NON   0ull
#define GIC_BASER_SH_INNER 1ull
#define GIC_BASER_SH_OUTER 2ull
/* InnerCache encodings (§12.19.1): 0 Device-nGnRnE, 1 Normal Non-cacheable, 7 RaWaWb. */
#define GIC_BASER_CACHE_DEVICE 0ull
#define GIC_BASER_CACHE_NC     1ull
#define GIC_BASER_CACHE_WBRAWA 7ull

struct gic_baser_attr {
	uint64_t value; /* what the register should hold */
	bool rewrite;   /* value differs from what was written: write it (and read it back) */
	bool clean;     /* the GIC does not snoop: clean each CPU write to the table to PoC */
};

/* The InnerCache / OuterCache / Shareability fields of a register of layout l. */
unsigned gic_baser_inner_cache(enum gic_baser_layout l, uint64_t v);
unsigned gic_baser_outer_cache(enum gic_baser_layout l, uint64_t v);
unsigned gic_baser_shareability(uint64_t v);
/* v with doorbell's request: Inner Shareable, InnerCache RaWaWb, OuterCache 0 (as inner). */
uint64_t gic_baser_attr_request(enum gic_baser_layout l, uint64_t v);
/* What to do after writing `written` and reading `back`. */
struct gic_baser_attr gic_baser_attr_decide(enum gic_baser_layout l, uint64_t written,
					    uint64_t back);

#endif
