/* SPDX-License-Identifier: MIT */
/* smmu.bypass: with edu's STE in bypass, its DMA reaches physical addresses, byte for byte. */
#include "kernel/errno.h"
#include "tests/guest/smmu_test.h"

#define BYPASS_LEN 256u

DTEST(smmu_bypass, .name = "smmu.bypass",
      .summary = "edu DMA through a bypass STE (Config 0b100): RAM -> device -> RAM at physical "
		 "addresses, no event",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU | DTEST_NEED_EDU, .deadline_ms = 6000)
{
	struct smmu_test x;
	if (!smmu_test_open(t, &x, 2))
		goto out;
	struct smmuv3_ste ste = smmuv3_ste_bypass();
	int err = smmu_test_set_ste(&x, &ste);
	if (!DT_EXPECT(t, err == 0, "bypass STE: %s", errno_name(err)))
		goto out;
	DT_EXPECT_EQ(t, smmuv3_ste_config(smmuv3_ste_get(x.s, x.sid)), SMMUV3_STE_BYPASS);
	smmuv3_evtq_drain(x.s);
	uint64_t events = x.s->events.total;
	smmu_test_fill(x.page[0] + 0x100, BYPASS_LEN, 0x11);
	err = edu_dma_from_ram(&x.edu, x.page[0] + 0x100, 0, BYPASS_LEN, SMMU_TEST_DMA_US);
	DT_EXPECT(t, err == 0, "DMA RAM -> edu: %s", errno_name(err));
	err = edu_dma_to_ram(&x.edu, 0, x.page[1] + 0x200, BYPASS_LEN, SMMU_TEST_DMA_US);
	DT_EXPECT(t, err == 0, "DMA edu -> RAM: %s", errno_name(err));
	int bad = smmu_test_check(x.page[1] + 0x200, BYPASS_LEN, 0x11);
	DT_EXPECT(t, bad < 0, "byte %d of the copy differs", bad);
	bad = smmu_test_untouched(x.page[1], 0x200, 0xa5);
	DT_EXPECT(t, bad < 0, "byte %d before the target changed", bad);
	bad = smmu_test_untouched(x.page[1] + 0x200 + BYPASS_LEN, 0x1000 - 0x200 - BYPASS_LEN,
				  0xa5);
	DT_EXPECT(t, bad < 0, "byte %d after the target changed", bad);
	smmuv3_evtq_drain(x.s);
	DT_EXPECT_EQ(t, x.s->events.total, events);
out:
	smmu_test_close(&x);
}
