/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/iommu_msi.h"

#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/errno.h"

/* The translating context of rid, NULL when its writes reach memory untranslated. */
static struct smmuv3_ctx *iommu_msi_ctx(uint32_t rid)
{
	return smmuv3_ctx_for_rid(smmuv3_get(), rid);
}

bool iommu_msi_translated(uint32_t rid)
{
	return iommu_msi_ctx(rid) != 0;
}

int iommu_msi_map(uint32_t rid, uint64_t doorbell_phys, uint64_t *iova)
{
	struct smmuv3_ctx *c = iommu_msi_ctx(rid);
	if (!c) {
		*iova = doorbell_phys; /* absent: the device writes the doorbell itself */
		return 0;
	}
	int err = smmuv3_ctx_msi_map(c, doorbell_phys, iova);
	if (!err)
		c->refs++; /* the context outlives the message that points into it */
	return err;
}

int iommu_msi_unmap(uint32_t rid, uint64_t doorbell_phys)
{
	struct smmuv3_ctx *c = iommu_msi_ctx(rid);
	if (!c)
		return 0;
	int err = smmuv3_ctx_msi_unmap(c, doorbell_phys);
	if (!err)
		smmuv3_ctx_put(c);
	return err;
}
