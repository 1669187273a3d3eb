/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_asid.h"

#include "kernel/errno.h"

void smmuv3_asid_init(struct smmuv3_asids *a, bool asid16)
{
	irq_idalloc_init(&a->ids, a->map, 0, asid16 ? SMMUV3_ASID_MAX_COUNT : 1u << 8);
	irq_idalloc_reserve(&a->ids, 0);
}

int smmuv3_asid_alloc(struct smmuv3_asids *a, uint16_t *asid)
{
	uint32_t id;
	int err = irq_idalloc_alloc(&a->ids, &id);
	if (err)
		return err;
	*asid = (uint16_t)id;
	return 0;
}

int smmuv3_asid_free(struct smmuv3_asids *a, uint16_t asid)
{
	if (!asid)
		return -EINVAL;
	return irq_idalloc_free(&a->ids, asid);
}

unsigned smmuv3_asid_free_count(const struct smmuv3_asids *a)
{
	return irq_idalloc_free_count(&a->ids);
}
