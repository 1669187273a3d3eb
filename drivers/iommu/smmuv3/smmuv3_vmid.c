/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_vmid.h"

#include "kernel/errno.h"

void smmuv3_vmid_init(struct smmuv3_vmids *v, bool vmid16)
{
	irq_idalloc_init(&v->ids, v->map, 0, vmid16 ? SMMUV3_VMID_MAX_COUNT : 1u << 8);
	irq_idalloc_reserve(&v->ids, 0);
}

int smmuv3_vmid_alloc(struct smmuv3_vmids *v, uint16_t *vmid)
{
	uint32_t id;
	int err = irq_idalloc_alloc(&v->ids, &id);
	if (err)
		return err;
	*vmid = (uint16_t)id;
	return 0;
}

int smmuv3_vmid_free(struct smmuv3_vmids *v, uint16_t vmid)
{
	if (!vmid)
		return -EINVAL;
	return irq_idalloc_free(&v->ids, vmid);
}

unsigned smmuv3_vmid_free_count(const struct smmuv3_vmids *v)
{
	return irq_idalloc_free_count(&v->ids);
}
