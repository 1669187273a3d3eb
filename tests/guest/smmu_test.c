/* SPDX-License-Identifier: MIT */
#include "tests/guest/smmu_test.h"

#include <string.h>

#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"

bool smmu_test_open(struct dtest_ctx *t, struct smmu_test *x, unsigned pages)
{
	memset(x, 0, sizeof(*x));
	x->s = smmuv3_get();
	int err = edu_probe(&x->edu, 0);
	if (err) {
		dtest_skip(t, "edu: %s", errno_name(err));
		return false;
	}
	x->rid = pci_dev_rid(x->edu.pci);
	err = smmuv3_rid_to_sid(x->s, x->rid, &x->sid);
	if (!DT_EXPECT(t, err == 0, "the IORT routes edu (RID 0x%x) to no StreamID of the SMMU: %s",
		       x->rid, errno_name(err)))
		return false;
	for (unsigned i = 0; i < pages && i < 3; i++) {
		x->page[i] = page_alloc(1);
		if (!x->page[i]) {
			dtest_error(t, "out of pages");
			return false;
		}
		memset(smmu_test_ptr(x->page[i]), 0xa5, PAGE_SIZE);
	}
	return true;
}

int smmu_test_set_ste(struct smmu_test *x, const struct smmuv3_ste *ste)
{
	if (!x->have_saved) {
		x->saved = *smmuv3_ste_get(x->s, x->sid);
		x->have_saved = true;
	}
	return smmuv3_ste_install(x->s, x->sid, ste);
}

void smmu_test_close(struct smmu_test *x)
{
	if (x->have_saved)
		smmuv3_ste_install(x->s, x->sid, &x->saved);
	for (unsigned i = 0; i < 3; i++)
		if (x->page[i])
			page_free(x->page[i], 1);
	edu_release(&x->edu);
	memset(x, 0, sizeof(*x));
}

static uint8_t pattern(uint32_t i, uint8_t seed)
{
	return (uint8_t)(i * 7u + seed + (i >> 8));
}

void smmu_test_fill(uint64_t phys, uint32_t n, uint8_t seed)
{
	uint8_t *p = smmu_test_ptr(phys);
	for (uint32_t i = 0; i < n; i++)
		p[i] = pattern(i, seed);
}

int smmu_test_check(uint64_t phys, uint32_t n, uint8_t seed)
{
	const volatile uint8_t *p = smmu_test_ptr(phys);
	for (uint32_t i = 0; i < n; i++)
		if (p[i] != pattern(i, seed))
			return (int)i;
	return -1;
}

int smmu_test_untouched(uint64_t phys, uint32_t n, uint8_t byte)
{
	const volatile uint8_t *p = smmu_test_ptr(phys);
	for (uint32_t i = 0; i < n; i++)
		if (p[i] != byte)
			return (int)i;
	return -1;
}
