/* SPDX-License-Identifier: MIT */
/* SMMUv3 register values doorbell writes that QEMU does not check (SMMU_CR1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "drivers/iommu/smmuv3/smmuv3_regs.h"

/*
 * SMMU_CR1 (IHI 0070 §6.3.11): QUEUE_IC = QUEUE_OC = 0b01 (write-back),
 * QUEUE_SH = 0b11 (inner shareable), the same for TABLE_*: 0xd75, the value
 * Linux's arm_smmu_device_reset writes. No field holds a reserved encoding
 * (0b11 for a cacheability, 0b01 for a shareability).
 */
static void test_cr1_wb_ish(void **state)
{
	(void)state;
	assert_int_equal(SMMUV3_CR1_WB_ISH, 0xd75);
	uint32_t v = SMMUV3_CR1_WB_ISH;
	for (unsigned f = 0; f < 6; f++) {
		unsigned field = (v >> (2 * f)) & 3u;
		bool sh = f == 2 || f == 5;
		assert_int_not_equal(field, sh ? 1u : 3u);
	}
	assert_int_equal(v >> 12, 0); /* bits 31:12 RES0 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cr1_wb_ish),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
