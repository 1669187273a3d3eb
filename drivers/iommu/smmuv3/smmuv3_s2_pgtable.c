/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_s2_pgtable.h"

#include <stdbool.h>
#include <string.h>

#include "kernel/errno.h"

#define S2_LAST_LEVEL 3u
#define S2_ENTRIES    512u

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

/* Bits 47:39, 38:30, 29:21, 20:12 for levels 0-3; the start level takes what is left. */
static unsigned smmuv3_s2_index(uint64_t ipa, unsigned level)
{
	return (unsigned)(ipa >> (39 - 9 * level)) & (S2_ENTRIES - 1);
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

static void smmuv3_s2_clean(const struct smmuv3_s2_pgt *p, const void *at, uint64_t len)
{
	if (p->ops->clean)
		p->ops->clean(p->ctx, at, len);
}

static void smmuv3_s2_sync(const struct smmuv3_s2_pgt *p)
{
	if (p->ops->sync)
		p->ops->sync(p->ctx);
}

static smmuv3_phys_t smmuv3_s2_new_table(struct smmuv3_s2_pgt *p)
{
	smmuv3_phys_t t = p->ops->alloc(p->ctx);
	if (!t)
		return 0;
	uint64_t *v = p->ops->map(p->ctx, t);
	memset(v, 0, SMMUV3_PGT_PAGE);
	smmuv3_s2_clean(p, v, SMMUV3_PGT_PAGE);
	p->table_count++;
	return t;
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
	p->root = smmuv3_s2_new_table(p);
	return p->root ? 0 : -ENOMEM;
}

static void smmuv3_s2_free_level(struct smmuv3_s2_pgt *p, smmuv3_phys_t table, unsigned level)
{
	if (level < S2_LAST_LEVEL) {
		uint64_t *t = p->ops->map(p->ctx, table);
		for (unsigned i = 0; i < S2_ENTRIES; i++)
			if (t[i] & SMMUV3_PTE_VALID)
				smmuv3_s2_free_level(p, t[i] & SMMUV3_PTE_ADDR, level + 1);
	}
	p->ops->free(p->ctx, table);
	p->table_count--;
}

void smmuv3_s2_pgt_destroy(struct smmuv3_s2_pgt *p)
{
	if (p->root)
		smmuv3_s2_free_level(p, p->root, p->start_level);
	p->root = 0;
	p->page_count = 0;
}

static uint64_t *smmuv3_s2_slot(struct smmuv3_s2_pgt *p, uint64_t ipa, bool create)
{
	smmuv3_phys_t table = p->root;
	for (unsigned level = p->start_level; level < S2_LAST_LEVEL; level++) {
		uint64_t *e = &p->ops->map(p->ctx, table)[smmuv3_s2_index(ipa, level)];
		if (!(*e & SMMUV3_PTE_VALID)) {
			if (!create)
				return 0;
			smmuv3_phys_t next = smmuv3_s2_new_table(p);
			if (!next)
				return 0;
			smmuv3_s2_sync(p); /* zeroed before the walker can reach it */
			*e = (next & SMMUV3_PTE_ADDR) | SMMUV3_PTE_TABLE;
			smmuv3_s2_clean(p, e, sizeof(*e));
		}
		table = *e & SMMUV3_PTE_ADDR;
	}
	return &p->ops->map(p->ctx, table)[smmuv3_s2_index(ipa, S2_LAST_LEVEL)];
}

static bool smmuv3_s2_range_ok(const struct smmuv3_s2_pgt *p, uint64_t ipa, uint64_t size)
{
	if (!size || (ipa | size) & (SMMUV3_PGT_PAGE - 1))
		return false;
	uint64_t end = ipa + size;
	return end > ipa && end <= (1ull << p->ipa_bits);
}

int smmuv3_s2_pgt_map(struct smmuv3_s2_pgt *p, uint64_t ipa, smmuv3_phys_t pa, uint64_t size,
		      unsigned prot)
{
	if (!smmuv3_s2_range_ok(p, ipa, size) || (pa & (SMMUV3_PGT_PAGE - 1)) ||
	    !(prot & (SMMUV3_PROT_READ | SMMUV3_PROT_WRITE)))
		return -EINVAL;
	uint64_t done = 0;
	int err = 0;
	for (; done < size; done += SMMUV3_PGT_PAGE) {
		uint64_t *e = smmuv3_s2_slot(p, ipa + done, true);
		if (!e) {
			err = -ENOMEM;
			break;
		}
		if (*e & SMMUV3_PTE_VALID) {
			err = -EEXIST;
			break;
		}
		*e = smmuv3_s2_pgt_leaf(pa + done, prot);
		smmuv3_s2_clean(p, e, sizeof(*e));
		p->page_count++;
	}
	if (err && done)
		smmuv3_s2_pgt_unmap(p, ipa, done);
	smmuv3_s2_sync(p);
	return err;
}

int smmuv3_s2_pgt_unmap(struct smmuv3_s2_pgt *p, uint64_t ipa, uint64_t size)
{
	if (!smmuv3_s2_range_ok(p, ipa, size))
		return -EINVAL;
	int n = 0;
	for (uint64_t off = 0; off < size; off += SMMUV3_PGT_PAGE) {
		uint64_t *e = smmuv3_s2_slot(p, ipa + off, false);
		if (!e || !(*e & SMMUV3_PTE_VALID))
			continue;
		*e = 0;
		smmuv3_s2_clean(p, e, sizeof(*e));
		p->page_count--;
		n++;
	}
	smmuv3_s2_sync(p);
	return n;
}

int smmuv3_s2_pgt_lookup(const struct smmuv3_s2_pgt *p, uint64_t ipa, smmuv3_phys_t *pa,
			 uint64_t *pte)
{
	if (!p->root || ipa >> p->ipa_bits)
		return -EINVAL;
	uint64_t *e = smmuv3_s2_slot((struct smmuv3_s2_pgt *)p, ipa, false);
	if (!e || (*e & SMMUV3_PTE_PAGE) != SMMUV3_PTE_PAGE)
		return -ENOENT;
	if (pa)
		*pa = (*e & SMMUV3_PTE_ADDR) | (ipa & (SMMUV3_PGT_PAGE - 1));
	if (pte)
		*pte = *e;
	return 0;
}
