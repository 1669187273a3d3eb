/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the nested.* guest tests: edu's MSI through its0 behind a
 * nested (or stage-2-only) SMMUv3, the address edu holds, and the walk that
 * address takes: IOVA -> IPA at stage 1 (the guest part's context), IPA ->
 * PA at stage 2 (the host part's domain).
 */
#ifndef DOORBELL_TESTS_GUEST_NESTED_TEST_H
#define DOORBELL_TESTS_GUEST_NESTED_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/smmuv3/smmuv3.h"
#include "tests/guest/itstest.h"

#define NESTED_EVENT_US 100000u

struct nested_test {
	struct smmuv3 *s;
	struct gic_its_domain *d;
	struct irqtest_msi msi;
	struct itstest_event ev;
	uint32_t rid, sid;
	uint64_t addr;     /* the address edu's MSI capability holds */
	uint64_t doorbell; /* GITS_TRANSLATER */
	struct smmuv3_walk w;
};

/*
 * Open edu's MSI on CPU 0 and walk its address: true when ready; false when
 * skipped (the unit is not nested, or not stage-2 only when s2_only_ok) or
 * failed (reported). Call nested_close anyway.
 */
bool nested_open(struct dtest_ctx *t, struct nested_test *x, bool s2_only_ok);
void nested_close(struct nested_test *x);
/* Raise one edu MSI: true when it arrived (within IRQTEST_WAIT_US, expect) or not (quiet period). */
bool nested_fire(struct nested_test *x, bool expect);
/* Rewrite the low 32 bits of the address edu's MSI capability holds (behind the bus domain). */
void nested_edu_msi_addr(struct nested_test *x, uint32_t addr);
/* "direct", "rmr" or "s2-only": how the doorbell reaches the device. */
const char *nested_design(const struct nested_test *x);

#endif
