/* SPDX-License-Identifier: MIT */
/* smmu.msi_absent: without a translating SMMU, iommu_msi_map gives the physical doorbell. */
#include "drivers/iommu/iommu_msi.h"
#include "kernel/test/dtest.h"

#define ABSENT_DOORBELL 0x08090040ull /* an ITS's GITS_TRANSLATER on QEMU virt */

DTEST(smmu_msi_absent, .name = "smmu.msi_absent",
      .summary = "iommu_msi_map on a device no SMMU translates returns the physical doorbell",
      .deadline_ms = 100)
{
	/* Bus 1 is not behind QEMU's SMMU; with no SMMU (x86, smmu=off) nothing is. */
	uint32_t rid = 0x100;
	uint64_t iova = 0;
	DT_EXPECT(t, !iommu_msi_translated(rid), "RID 0x%x reads as translated", rid);
	DT_EXPECT_EQ(t, iommu_msi_map(rid, ABSENT_DOORBELL, &iova), 0);
	DT_EXPECT_EQ(t, iova, ABSENT_DOORBELL);
	DT_EXPECT_EQ(t, iommu_msi_unmap(rid, ABSENT_DOORBELL), 0);
}
