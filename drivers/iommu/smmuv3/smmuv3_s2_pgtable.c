/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_s2_pgtable.h"

#include <string.h>

#include "drivers/iommu/smmuv3/smmuv3_pgt_walk.h"
#include "kernel/errno.h"

unsigned smmuv3_s2_start_level(unsigned ipa_bits)
{
	if (ipa_bits < SMMUV3_S2_IPA_MIN || ipa_bits > SMMUV3_S2_IPA_MAX)
		return 0;
	/* Levels resolve 9 bits each above the 12-bit page offset. */
	return 4u - (ipa_bits - 12u + 8u) / 9u;
}

unsigned smmuv3_s2_sl0(unsigned start_level)
{
	return 2u - start_level;
}

uint64_t smmuv3_s2_pgt_leaf(smmuv3_phys_t pa, unsigned prot)
{
	uint64_t e = (pa & SMMUV3_PTE_ADDR) | SMMUV3_PTE_PAGE | SMMUV3_S2PTE_AF | SMMUV3_S2PTE_XN;
	if (prot & SMMUV3_PROT_DEVICE)
		e |= SMMUV3_S2PTE_MEMATTR(SMMUV3_S2PTE_MEMATTR_DEV);
	else
		e |= SMMUV3_S2PTE_MEMATTR(SMMUV3_S2PTE_MEMATTR_NORM) | SMMUV3_S2PTE_SH_INNER;
	if (prot & SMMUV3_PROT_READ)
		e |= SMMUV3_S2PTE_S2AP_R;
	if (prot & SMMUV3_PROT_WRITE)
		e |= SMMUV3_S2PTE_S2AP_W;
	return e;
}

/* Stage 2: from the start level ipa_bits gives, an ipa_bits input space. */
static struct smmuv3_pgt_walk smmuv3_s2_view(struct smmuv3_s2_pgt *p)
{
	return (struct smmuv3_pgt_walk){
		.ops = p->ops,
		.ctx = p->ctx,
		.root = &p->root,
		.start_level = p->start_level,
		.in_bits = p->ipa_bits,
		.table_count = &p->table_count,
		.page_count = &p->page_count,
		.leaf = smmuv3_s2_pgt_leaf,
	};
}

int smmuv3_s2_pgt_init(struct smmuv3_s2_pgt *p, const struct smmuv3_pgt_ops *ops, void *ctx,
		       unsigned ipa_bits)
{
	memset(p, 0, sizeof(*p));
	if (ipa_bits < SMMUV3_S2_IPA_MIN || ipa_bits > SMMUV3_S2_IPA_MAX)
		return -EINVAL;
	p->ops = ops;
	p->ctx = ctx;
	p->ipa_bits = ipa_bits;
	p->start_level = smmuv3_s2_start_level(ipa_bits);
	struct smmuv3_pgt_walk w = smmuv3_s2_view(p);
	return smmuv3_pgt_walk_init(&w);
}

void smmuv3_s2_pgt_destroy(struct smmuv3_s2_pgt *p)
{
	struct smmuv3_pgt_walk w = smmuv3_s2_view(p);
	smmuv3_pgt_walk_destroy(&w);
}

int smmuv3_s2_pgt_map(struct smmuv3_s2_pgt *p, uint64_t ipa, smmuv3_phys_t pa, uint64_t size,
		      unsigned prot)
{
	struct smmuv3_pgt_walk w = smmuv3_s2_view(p);
	return smmuv3_pgt_walk_map(&w, ipa, pa, size, prot);
}

int smmuv3_s2_pgt_unmap(struct smmuv3_s2_pgt *p, uint64_t ipa, uint64_t size)
{
	struct smmuv3_pgt_walk w = smmuv3_s2_view(p);
	return smmuv3_pgt_walk_unmap(&w, ipa, size);
}

int smmuv3_s2_pgt_lookup(const struct smmuv3_s2_pgt *p, uint64_t ipa, smmuv3_phys_t *pa,
			 uint64_t *pte)
{
	struct smmuv3_pgt_walk w = smmuv3_s2_view((struct smmuv3_s2_pgt *)p);
	return smmuv3_pgt_walk_lookup(&w, ipa, pa, pte);
}
