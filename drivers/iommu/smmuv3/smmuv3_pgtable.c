/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_pgtable.h"

#include <string.h>

#include "drivers/iommu/smmuv3/smmuv3_pgt_walk.h"

uint64_t smmuv3_pgt_leaf(smmuv3_phys_t phys, unsigned prot)
{
	uint64_t attr =
		(prot & SMMUV3_PROT_DEVICE) ? SMMUV3_PGT_ATTR_DEVICE : SMMUV3_PGT_ATTR_NORMAL;
	uint64_t e = (phys & SMMUV3_PTE_ADDR) | SMMUV3_PTE_PAGE | attr << 2 | SMMUV3_PTE_AP_UNPRIV |
		     SMMUV3_PTE_SH_INNER | SMMUV3_PTE_AF | SMMUV3_PTE_NG | SMMUV3_PTE_XN;
	if (!(prot & SMMUV3_PROT_WRITE))
		e |= SMMUV3_PTE_AP_RDONLY;
	return e;
}

/* Stage 1: four levels from the root, a 48-bit IOVA (T0SZ 16). */
static struct smmuv3_pgt_walk smmuv3_pgt_view(struct smmuv3_pgt *p)
{
	return (struct smmuv3_pgt_walk){
		.ops = p->ops,
		.ctx = p->ctx,
		.root = &p->root,
		.start_level = 0,
		.in_bits = SMMUV3_PGT_IOVA_BITS,
		.table_count = &p->table_count,
		.page_count = &p->page_count,
		.leaf = smmuv3_pgt_leaf,
	};
}

int smmuv3_pgt_init(struct smmuv3_pgt *p, const struct smmuv3_pgt_ops *ops, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->ops = ops;
	p->ctx = ctx;
	struct smmuv3_pgt_walk w = smmuv3_pgt_view(p);
	return smmuv3_pgt_walk_init(&w);
}

void smmuv3_pgt_destroy(struct smmuv3_pgt *p)
{
	struct smmuv3_pgt_walk w = smmuv3_pgt_view(p);
	smmuv3_pgt_walk_destroy(&w);
}

int smmuv3_pgt_map(struct smmuv3_pgt *p, uint64_t iova, smmuv3_phys_t phys, uint64_t size,
		   unsigned prot)
{
	struct smmuv3_pgt_walk w = smmuv3_pgt_view(p);
	return smmuv3_pgt_walk_map(&w, iova, phys, size, prot);
}

int smmuv3_pgt_unmap(struct smmuv3_pgt *p, uint64_t iova, uint64_t size)
{
	struct smmuv3_pgt_walk w = smmuv3_pgt_view(p);
	return smmuv3_pgt_walk_unmap(&w, iova, size);
}

int smmuv3_pgt_lookup(const struct smmuv3_pgt *p, uint64_t iova, smmuv3_phys_t *phys, uint64_t *pte)
{
	struct smmuv3_pgt_walk w = smmuv3_pgt_view((struct smmuv3_pgt *)p);
	return smmuv3_pgt_walk_lookup(&w, iova, phys, pte);
}
