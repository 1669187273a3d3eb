/* SPDX-License-Identifier: MIT */
/*
 * The shareability fallback of the GIC's table registers (Arm IHI 0069H
 * §12.19.1 GITS_BASER<n>, §12.19.2 GITS_CBASER, §12.10.21 GICR_PROPBASER,
 * §12.10.22 GICR_PENDBASER). Shareability and InnerCache may be RO or
 * support fewer values than written: a Shareability that reads back
 * Non-shareable says the GIC's accesses are not coherent with the CPU's
 * caches. As Linux's irq-gic-v3-its.c does, the register is then rewritten
 * as Non-shareable and Normal Inner Non-cacheable (a cacheable
 * Non-shareable attribute would let the GIC hit lines of its own that the
 * CPU never cleans), and the tables are cleaned to PoC from then on. A
 * Shareability that reads back Outer Shareable is kept: the outer domain
 * contains the inner one, so the GIC still snoops the CPU's caches. An
 * InnerCache that reads back Device or Non-cacheable (the GIC reads
 * memory past the caches) needs the clean too.
 */
#include "drivers/irqchip/gic_baser_attr.h"

static unsigned baser_ic_shift(enum gic_baser_layout l)
{
	return l == GIC_BASER_LAYOUT_ITS ? 59 : 7;
}

static unsigned baser_oc_shift(enum gic_baser_layout l)
{
	return l == GIC_BASER_LAYOUT_ITS ? 53 : 56;
}

unsigned gic_baser_inner_cache(enum gic_baser_layout l, uint64_t v)
{
	return (unsigned)((v >> baser_ic_shift(l)) & 7);
}

unsigned gic_baser_outer_cache(enum gic_baser_layout l, uint64_t v)
{
	return (unsigned)((v >> baser_oc_shift(l)) & 7);
}

unsigned gic_baser_shareability(uint64_t v)
{
	return (unsigned)((v & GIC_BASER_SH_MASK) >> GIC_BASER_SH_SHIFT);
}

static uint64_t baser_with(enum gic_baser_layout l, uint64_t v, uint64_t sh, uint64_t ic)
{
	v &= ~(GIC_BASER_SH_MASK | (7ull << baser_ic_shift(l)) | (7ull << baser_oc_shift(l)));
	return v | sh << GIC_BASER_SH_SHIFT | ic << baser_ic_shift(l);
}

uint64_t gic_baser_attr_request(enum gic_baser_layout l, uint64_t v)
{
	return baser_with(l, v, GIC_BASER_SH_INNER, GIC_BASER_CACHE_WBRAWA);
}

struct gic_baser_attr gic_baser_attr_decide(enum gic_baser_layout l, uint64_t written,
					    uint64_t back)
{
	struct gic_baser_attr a = {.value = written, .rewrite = false, .clean = false};
	if (gic_baser_shareability(back) == GIC_BASER_SH_NON) {
		a.value = baser_with(l, written, GIC_BASER_SH_NON, GIC_BASER_CACHE_NC);
		a.rewrite = a.value != written;
		a.clean = true;
		return a;
	}
	unsigned ic = gic_baser_inner_cache(l, back);
	if (ic == GIC_BASER_CACHE_DEVICE || ic == GIC_BASER_CACHE_NC)
		a.clean = true;
	return a;
}
