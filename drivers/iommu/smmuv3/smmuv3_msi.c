/* SPDX-License-Identifier: MIT */
/* The SMMUv3 behind iommu_msi_map: doorbells of translated streams go through the MSI window. */
#include "drivers/iommu/iommu_msi.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/errno.h"

/* The translating context of rid, NULL when its writes reach memory untranslated. */
static struct smmuv3_ctx *smmuv3_msi_ctx(uint32_t rid)
{
	return smmuv3_ctx_for_rid(smmuv3_get(), rid);
}

static bool smmuv3_msi_translated(uint32_t rid)
{
	return smmuv3_msi_ctx(rid) != 0;
}

static int smmuv3_msi_map(uint32_t rid, uint64_t doorbell_phys, uint64_t *iova)
{
	struct smmuv3_ctx *c = smmuv3_msi_ctx(rid);
	if (!c) {
		*iova = doorbell_phys; /* absent: the device writes the doorbell itself */
		return 0;
	}
	int err = smmuv3_ctx_msi_map(c, doorbell_phys, iova);
	if (!err)
		c->refs++; /* the context outlives the message that points into it */
	return err;
}

static int smmuv3_msi_unmap(uint32_t rid, uint64_t doorbell_phys)
{
	struct smmuv3_ctx *c = smmuv3_msi_ctx(rid);
	if (!c)
		return 0;
	int err = smmuv3_ctx_msi_unmap(c, doorbell_phys);
	if (!err)
		smmuv3_ctx_put(c);
	return err;
}

const struct iommu_msi_ops smmuv3_msi_ops = {
	.name = "smmuv3",
	.translated = smmuv3_msi_translated,
	.map = smmuv3_msi_map,
	.unmap = smmuv3_msi_unmap,
};
