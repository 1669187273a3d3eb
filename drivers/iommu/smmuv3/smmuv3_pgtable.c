/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_pgtable.h"

#include <stdbool.h>
#include <string.h>

#include "kernel/errno.h"

#define PGT_LEVELS  4u
#define PGT_ENTRIES 512u

/* Index of iova in a table of level l (0 = root): bits 47:39, 38:30, 29:21, 20:12. */
static unsigned smmuv3_pgt_index(uint64_t iova, unsigned level)
{
	return (unsigned)(iova >> (39 - 9 * level)) & (PGT_ENTRIES - 1);
}

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

static void smmuv3_pgt_clean(const struct smmuv3_pgt *p, const void *at, uint64_t len)
{
	if (p->ops->clean)
		p->ops->clean(p->ctx, at, len);
}

/* A new table: zeroed, and the zeroes cleaned before any entry points at it. */
static void smmuv3_pgt_zero(const struct smmuv3_pgt *p, smmuv3_phys_t table)
{
	uint64_t *t = p->ops->map(p->ctx, table);
	memset(t, 0, SMMUV3_PGT_PAGE);
	smmuv3_pgt_clean(p, t, SMMUV3_PGT_PAGE);
}

/* Store one entry and clean it. */
static void smmuv3_pgt_set(const struct smmuv3_pgt *p, uint64_t *e, uint64_t v)
{
	*e = v;
	smmuv3_pgt_clean(p, e, sizeof(*e));
}

int smmuv3_pgt_init(struct smmuv3_pgt *p, const struct smmuv3_pgt_ops *ops, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->ops = ops;
	p->ctx = ctx;
	p->root = ops->alloc(ctx);
	if (!p->root)
		return -ENOMEM;
	smmuv3_pgt_zero(p, p->root);
	p->table_count = 1;
	return 0;
}

static void smmuv3_pgt_free_level(struct smmuv3_pgt *p, smmuv3_phys_t table, unsigned level)
{
	if (level < PGT_LEVELS - 1) {
		uint64_t *t = p->ops->map(p->ctx, table);
		for (unsigned i = 0; i < PGT_ENTRIES; i++)
			if (t[i] & SMMUV3_PTE_VALID)
				smmuv3_pgt_free_level(p, t[i] & SMMUV3_PTE_ADDR, level + 1);
	}
	p->ops->free(p->ctx, table);
	p->table_count--;
}

void smmuv3_pgt_destroy(struct smmuv3_pgt *p)
{
	if (p->root)
		smmuv3_pgt_free_level(p, p->root, 0);
	p->root = 0;
	p->page_count = 0;
}

/* The leaf slot for iova, creating tables on the way when create is set; NULL if absent/out. */
static uint64_t *smmuv3_pgt_slot(struct smmuv3_pgt *p, uint64_t iova, bool create)
{
	smmuv3_phys_t table = p->root;
	for (unsigned level = 0; level < PGT_LEVELS - 1; level++) {
		uint64_t *t = p->ops->map(p->ctx, table);
		uint64_t *e = &t[smmuv3_pgt_index(iova, level)];
		if (!(*e & SMMUV3_PTE_VALID)) {
			if (!create)
				return 0;
			smmuv3_phys_t next = p->ops->alloc(p->ctx);
			if (!next)
				return 0;
			smmuv3_pgt_zero(p, next);
			p->table_count++;
			/* The new table is zeroed before the SMMU can reach it. */
			if (p->ops->sync)
				p->ops->sync(p->ctx);
			smmuv3_pgt_set(p, e, (next & SMMUV3_PTE_ADDR) | SMMUV3_PTE_TABLE);
		}
		table = *e & SMMUV3_PTE_ADDR;
	}
	return &p->ops->map(p->ctx, table)[smmuv3_pgt_index(iova, PGT_LEVELS - 1)];
}

static bool smmuv3_pgt_range_ok(uint64_t iova, uint64_t size)
{
	if (!size || (iova | size) & (SMMUV3_PGT_PAGE - 1))
		return false;
	uint64_t end = iova + size;
	return end > iova && end <= (1ull << SMMUV3_PGT_IOVA_BITS);
}

int smmuv3_pgt_map(struct smmuv3_pgt *p, uint64_t iova, smmuv3_phys_t phys, uint64_t size,
		   unsigned prot)
{
	if (!smmuv3_pgt_range_ok(iova, size) || (phys & (SMMUV3_PGT_PAGE - 1)) ||
	    !(prot & (SMMUV3_PROT_READ | SMMUV3_PROT_WRITE)))
		return -EINVAL;
	uint64_t done = 0;
	int err = 0;
	for (; done < size; done += SMMUV3_PGT_PAGE) {
		uint64_t *e = smmuv3_pgt_slot(p, iova + done, true);
		if (!e) {
			err = -ENOMEM;
			break;
		}
		if (*e & SMMUV3_PTE_VALID) {
			err = -EEXIST;
			break;
		}
		smmuv3_pgt_set(p, e, smmuv3_pgt_leaf(phys + done, prot));
		p->page_count++;
	}
	if (err && done)
		smmuv3_pgt_unmap(p, iova, done);
	if (p->ops->sync)
		p->ops->sync(p->ctx);
	return err;
}

int smmuv3_pgt_unmap(struct smmuv3_pgt *p, uint64_t iova, uint64_t size)
{
	if (!smmuv3_pgt_range_ok(iova, size))
		return -EINVAL;
	int n = 0;
	for (uint64_t off = 0; off < size; off += SMMUV3_PGT_PAGE) {
		uint64_t *e = smmuv3_pgt_slot(p, iova + off, false);
		if (!e || !(*e & SMMUV3_PTE_VALID))
			continue;
		smmuv3_pgt_set(p, e, 0);
		p->page_count--;
		n++;
	}
	if (p->ops->sync)
		p->ops->sync(p->ctx);
	return n;
}

int smmuv3_pgt_lookup(const struct smmuv3_pgt *p, uint64_t iova, smmuv3_phys_t *phys, uint64_t *pte)
{
	if (iova >> SMMUV3_PGT_IOVA_BITS || !p->root)
		return -EINVAL;
	uint64_t *e = smmuv3_pgt_slot((struct smmuv3_pgt *)p, iova, false);
	if (!e || (*e & SMMUV3_PTE_PAGE) != SMMUV3_PTE_PAGE)
		return -ENOENT;
	if (phys)
		*phys = (*e & SMMUV3_PTE_ADDR) | (iova & (SMMUV3_PGT_PAGE - 1));
	if (pte)
		*pte = *e;
	return 0;
}
