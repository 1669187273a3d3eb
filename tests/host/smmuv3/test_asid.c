/* SPDX-License-Identifier: MIT */
/* SMMUv3 ASIDs: 8 or 16 bits by IDR0.ASID16, ASID 0 never handed out, recycling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "drivers/iommu/smmuv3/smmuv3_tags.h"
#include "drivers/iommu/smmuv3/smmuv3_caps.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"

static struct smmuv3_tags asids;

/* ASID16 (IDR0 bit 12, §6.3.1) as decoded from an IDR0 (QEMU 7.2 gives 0x0d40101a). */
static bool asid16_from_idr0(uint32_t idr0)
{
	uint32_t idr[6] = {idr0, 0x02730010, 0, 0x1404, 0, 0x74};
	struct smmuv3_caps c;
	smmuv3_caps_decode(&c, idr, 0, 0);
	return c.asid16;
}

/*
 * Without IDR0.ASID16 the ASID is 8 bits (§6.3.1; CD.ASID[15:8] RES0,
 * §5.4): 255 ASIDs, 1 to 255, ASID 0 held back; the 256th request fails.
 */
static void test_asid8_exhaustion(void **state)
{
	(void)state;
	smmuv3_tag_init(&asids, asid16_from_idr0(0x0d40101a & ~SMMUV3_IDR0_ASID16));
	assert_int_equal(smmuv3_tag_free_count(&asids), 255);
	for (unsigned i = 1; i <= 255; i++) {
		uint16_t a = 0xffff;
		assert_int_equal(smmuv3_tag_alloc(&asids, &a), 0);
		assert_int_equal(a, i); /* lowest first, never 0 */
		assert_int_equal(a >> 8, 0);
	}
	uint16_t a = 0xffff;
	assert_int_equal(smmuv3_tag_alloc(&asids, &a), -ENOSPC);
	assert_int_equal(a, 0xffff);
	assert_int_equal(smmuv3_tag_free_count(&asids), 0);
}

/* A torn-down context's ASID serves the next one; a double free and ASID 0 are refused. */
static void test_asid_recycle(void **state)
{
	(void)state;
	smmuv3_tag_init(&asids, false);
	uint16_t a;
	for (unsigned i = 1; i <= 255; i++)
		assert_int_equal(smmuv3_tag_alloc(&asids, &a), 0);
	assert_int_equal(smmuv3_tag_free(&asids, 7), 0);
	assert_int_equal(smmuv3_tag_free(&asids, 200), 0);
	assert_int_equal(smmuv3_tag_free_count(&asids), 2);
	assert_int_equal(smmuv3_tag_alloc(&asids, &a), 0);
	assert_int_equal(a, 7);
	assert_int_equal(smmuv3_tag_alloc(&asids, &a), 0);
	assert_int_equal(a, 200);
	assert_int_equal(smmuv3_tag_alloc(&asids, &a), -ENOSPC);
	assert_int_equal(smmuv3_tag_free(&asids, 7), 0);
	assert_int_equal(smmuv3_tag_free(&asids, 7), -EINVAL);
	assert_int_equal(smmuv3_tag_free(&asids, 0), -EINVAL);
	assert_int_equal(smmuv3_tag_free_count(&asids), 1);
	assert_int_equal(smmuv3_tag_alloc(&asids, &a), 0);
	assert_int_equal(a, 7);
}

/* With IDR0.ASID16 (QEMU sets it): 65535 ASIDs, up to 0xffff. */
static void test_asid16(void **state)
{
	(void)state;
	assert_true(asid16_from_idr0(0x0d40101a));
	smmuv3_tag_init(&asids, asid16_from_idr0(0x0d40101a));
	assert_int_equal(smmuv3_tag_free_count(&asids), 65535);
	uint16_t a = 0;
	for (unsigned i = 1; i <= 256; i++)
		assert_int_equal(smmuv3_tag_alloc(&asids, &a), 0);
	assert_int_equal(a, 256); /* past 8 bits */
	while (smmuv3_tag_free_count(&asids))
		assert_int_equal(smmuv3_tag_alloc(&asids, &a), 0);
	assert_int_equal(a, 0xffff);
	assert_int_equal(smmuv3_tag_alloc(&asids, &a), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asid8_exhaustion),
		cmocka_unit_test(test_asid_recycle),
		cmocka_unit_test(test_asid16),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
