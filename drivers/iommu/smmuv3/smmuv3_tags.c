/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_tags.h"

#include "kernel/errno.h"

void smmuv3_tag_init(struct smmuv3_tags *t, bool wide)
{
	irq_idalloc_init(&t->ids, t->map, 0, wide ? SMMUV3_TAG_MAX_COUNT : 1u << 8);
	irq_idalloc_reserve(&t->ids, 0);
}

int smmuv3_tag_alloc(struct smmuv3_tags *t, uint16_t *tag)
{
	uint32_t id;
	int err = irq_idalloc_alloc(&t->ids, &id);
	if (err)
		return err;
	*tag = (uint16_t)id;
	return 0;
}

int smmuv3_tag_free(struct smmuv3_tags *t, uint16_t tag)
{
	if (!tag)
		return -EINVAL;
	return irq_idalloc_free(&t->ids, tag);
}

unsigned smmuv3_tag_free_count(const struct smmuv3_tags *t)
{
	return irq_idalloc_free_count(&t->ids);
}
