/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/iommu_msi.h"

#include <stddef.h>

static const struct iommu_msi_ops *iommu_msi_backend;

void iommu_msi_set_ops(const struct iommu_msi_ops *ops)
{
	iommu_msi_backend = ops;
}

bool iommu_msi_translated(uint32_t rid)
{
	return iommu_msi_backend && iommu_msi_backend->translated(rid);
}

int iommu_msi_map(uint32_t rid, uint64_t doorbell_phys, uint64_t *iova)
{
	if (!iommu_msi_backend) {
		*iova = doorbell_phys; /* absent: the device writes the doorbell itself */
		return 0;
	}
	return iommu_msi_backend->map(rid, doorbell_phys, iova);
}

int iommu_msi_unmap(uint32_t rid, uint64_t doorbell_phys)
{
	return iommu_msi_backend ? iommu_msi_backend->unmap(rid, doorbell_phys) : 0;
}
