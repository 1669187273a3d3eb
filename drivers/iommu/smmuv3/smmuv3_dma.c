/* SPDX-License-Identifier: MIT */
/*
 * kernel/dma backend of the SMMUv3: a device whose stream translates gets
 * its buffers mapped at their own address (identity IOVA) in its stage-1
 * context, so drivers hand the device the same number with or without the
 * SMMU; only the MSI window (doorbells, iommu_msi.h) is off limits.
 */
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/errno.h"

static int smmuv3_dma_map(uint32_t rid, uint64_t phys, uint64_t size, uint64_t *dev_addr)
{
	struct smmuv3_ctx *c = smmuv3_ctx_for_rid(smmuv3_get(), rid);
	if (c) {
		int err = smmuv3_ctx_map(c, phys, phys, size, SMMUV3_PROT_READ | SMMUV3_PROT_WRITE);
		if (err)
			return err;
		c->refs++; /* the context outlives the mapping */
	}
	*dev_addr = phys;
	return 0;
}

static int smmuv3_dma_unmap(uint32_t rid, uint64_t dev_addr, uint64_t size)
{
	struct smmuv3_ctx *c = smmuv3_ctx_for_rid(smmuv3_get(), rid);
	if (!c)
		return 0;
	int n = smmuv3_ctx_unmap(c, dev_addr, size);
	if (n < 0)
		return n;
	if (n == 0)
		return -ENOENT;
	smmuv3_ctx_put(c);
	return 0;
}

const struct dma_ops smmuv3_dma_ops = {
	.name = "smmuv3",
	.map = smmuv3_dma_map,
	.unmap = smmuv3_dma_unmap,
};
