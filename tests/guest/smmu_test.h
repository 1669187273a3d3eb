/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the smmu.* guest tests: edu behind the enabled SMMUv3 (its
 * StreamID from the IORT), pages of RAM the tests fill and compare, and the
 * STE of a stream saved and put back around a test.
 */
#ifndef DOORBELL_TESTS_GUEST_SMMU_TEST_H
#define DOORBELL_TESTS_GUEST_SMMU_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/pci/dev_edu.h"
#include "kernel/test/dtest.h"

#define SMMU_TEST_DMA_US EDU_DMA_WAIT_US

struct smmu_test {
	struct smmuv3 *s;
	struct edu_dev edu;
	uint32_t rid, sid;
	uint64_t page[3]; /* RAM pages, 0 when not allocated */
	struct smmuv3_ste saved;
	bool have_saved;
};

/*
 * edu probed, its StreamID found, pages allocated (filled with 0xa5): true
 * when ready; false when the test was failed or skipped (reported). Call
 * smmu_test_close anyway.
 */
bool smmu_test_open(struct dtest_ctx *t, struct smmu_test *x, unsigned pages);
/* Puts back a saved STE, frees the pages, releases edu. */
void smmu_test_close(struct smmu_test *x);
/* Install ste for edu's stream, saving the one in place first (once). */
int smmu_test_set_ste(struct smmu_test *x, const struct smmuv3_ste *ste);
static inline uint8_t *smmu_test_ptr(uint64_t phys)
{
	return (uint8_t *)(uintptr_t)phys;
}
/* Fill n bytes at phys with a pattern derived from seed. */
void smmu_test_fill(uint64_t phys, uint32_t n, uint8_t seed);
/* Index of the first byte of [phys, phys + n) that differs from the pattern, or -1. */
int smmu_test_check(uint64_t phys, uint32_t n, uint8_t seed);
/* Index of the first byte that is not `byte`, or -1. */
int smmu_test_untouched(uint64_t phys, uint32_t n, uint8_t byte);

#endif
