/* SPDX-License-Identifier: MIT */
/*
 * The shareability fallback of GITS_BASER<n> / GITS_CBASER (IHI 0069H
 * §12.19.1, §12.19.2) and GICR_PROPBASER / GICR_PENDBASER (§12.10.21,
 * §12.10.22): Shareability bits 11:10 (0 Non-shareable, 1 Inner, 2 Outer),
 * InnerCache bits 61:59 (ITS) or 9:7 (GICR), 1 = Normal Inner
 * Non-cacheable, 7 = RaWaWb; OuterCache bits 55:53 (ITS) or 58:56 (GICR).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "drivers/irqchip/gic_baser_attr.h"

#define ITS_IC(v)  ((uint64_t)(v) << 59)
#define ITS_OC(v)  ((uint64_t)(v) << 53)
#define GICR_IC(v) ((uint64_t)(v) << 7)
#define GICR_OC(v) ((uint64_t)(v) << 56)
#define SH(v)      ((uint64_t)(v) << 10)

static void test_request(void **state)
{
	/* Valid, a 64 KiB aligned table, Size 15: InnerCache RaWaWb, Inner Shareable. */
	uint64_t base = (1ull << 63) | 0x40010000ull | 15;
	assert_int_equal(gic_baser_attr_request(GIC_BASER_LAYOUT_ITS, base),
			 0xb800000040010400ull | 15);
	/* Whatever the caller left in the attribute fields is replaced, OuterCache 0 (as inner). */
	assert_int_equal(gic_baser_attr_request(GIC_BASER_LAYOUT_ITS, base | ITS_OC(7) | SH(2)),
			 0xb800000040010400ull | 15);
	/* GICR_PROPBASER: IDbits 13 (14 bits), InnerCache 9:7. */
	assert_int_equal(gic_baser_attr_request(GIC_BASER_LAYOUT_GICR, 0x40100000ull | 13),
			 0x4010078dull);
	assert_int_equal(gic_baser_attr_request(GIC_BASER_LAYOUT_GICR, GICR_OC(5) | 13), 0x78d);
}

static void test_fields(void **state)
{
	uint64_t v = ITS_IC(7) | ITS_OC(3) | SH(2);
	assert_int_equal(gic_baser_inner_cache(GIC_BASER_LAYOUT_ITS, v), 7);
	assert_int_equal(gic_baser_outer_cache(GIC_BASER_LAYOUT_ITS, v), 3);
	assert_int_equal(gic_baser_shareability(v), 2);
	v = GICR_IC(1) | GICR_OC(6) | SH(1);
	assert_int_equal(gic_baser_inner_cache(GIC_BASER_LAYOUT_GICR, v), 1);
	assert_int_equal(gic_baser_outer_cache(GIC_BASER_LAYOUT_GICR, v), 6);
	assert_int_equal(gic_baser_shareability(v), 1);
}

/* Inner Shareable and RaWaWb stick: the ITS snoops, nothing to do. */
static void test_snooping(void **state)
{
	uint64_t w = gic_baser_attr_request(GIC_BASER_LAYOUT_ITS, (1ull << 63) | 0x40010000ull);
	struct gic_baser_attr a = gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, w, w);
	assert_int_equal(a.value, w);
	assert_false(a.rewrite);
	assert_false(a.clean);
	/* Outer Shareable contains the inner domain: still coherent, kept as read. */
	a = gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, w, (w & ~SH(3)) | SH(2));
	assert_int_equal(a.value, w);
	assert_false(a.rewrite);
	assert_false(a.clean);
}

/* Non-shareable read back: rewrite Normal Inner Non-cacheable, Non-shareable; clean from then on. */
static void test_non_shareable_its(void **state)
{
	uint64_t w = 0xb800000040010400ull | 15;
	struct gic_baser_attr a = gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, w, w & ~SH(3));
	assert_int_equal(a.value, 0x8800000040010000ull | 15); /* InnerCache 0b001, SH 0b00 */
	assert_true(a.rewrite);
	assert_true(a.clean);
	/* InnerCache RO as RaWaWb too: the rewrite still asks nC (an ITS may take it). */
	a = gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, w, w & ~SH(3));
	assert_int_equal(gic_baser_inner_cache(GIC_BASER_LAYOUT_ITS, a.value), 1);
	/* Already written Non-shareable nC: nothing to rewrite, still cleaned. */
	uint64_t nc = 0x8800000040010000ull | 15;
	a = gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, nc, nc);
	assert_int_equal(a.value, nc);
	assert_false(a.rewrite);
	assert_true(a.clean);
}

static void test_non_shareable_gicr(void **state)
{
	/* PENDBASER with PTZ (bit 62, WO) and a 64 KiB aligned table: PTZ is kept in the rewrite. */
	uint64_t w = gic_baser_attr_request(GIC_BASER_LAYOUT_GICR, (1ull << 62) | 0x40200000ull);
	assert_int_equal(w, 0x4000000040200780ull);
	struct gic_baser_attr a =
		gic_baser_attr_decide(GIC_BASER_LAYOUT_GICR, w, 0x0000000040200380ull);
	assert_int_equal(a.value, 0x4000000040200080ull); /* InnerCache 0b001 at 9:7, SH 0 */
	assert_true(a.rewrite);
	assert_true(a.clean);
}

/* Shareable, but InnerCache RO as Device or Non-cacheable: the GIC reads past the caches. */
static void test_uncached_readback(void **state)
{
	uint64_t w = 0xb800000040010400ull;
	struct gic_baser_attr a =
		gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, w, (w & ~ITS_IC(7)) | ITS_IC(1));
	assert_false(a.rewrite);
	assert_true(a.clean);
	a = gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, w, w & ~ITS_IC(7));
	assert_false(a.rewrite);
	assert_true(a.clean);
	/* Write-through (0b010) or write-back read-allocate only (0b011) caches: still coherent. */
	a = gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, w, (w & ~ITS_IC(7)) | ITS_IC(3));
	assert_false(a.clean);
	a = gic_baser_attr_decide(GIC_BASER_LAYOUT_GICR, 0x780, 0x480);
	assert_true(a.clean);
	assert_false(a.rewrite);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_snooping),
		cmocka_unit_test(test_non_shareable_its),
		cmocka_unit_test(test_non_shareable_gicr),
		cmocka_unit_test(test_uncached_readback),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
