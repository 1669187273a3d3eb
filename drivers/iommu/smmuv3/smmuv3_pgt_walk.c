/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_pgt_walk.h"

#include <stdbool.h>
#include <string.h>

#include "kernel/errno.h"

#define WALK_LAST_LEVEL 3u
#define WALK_ENTRIES    512u

/* Index of an input address in a table of level l: bits 47:39, 38:30, 29:21, 20:12. */
static unsigned walk_index(uint64_t in, unsigned level)
{
	return (unsigned)(in >> (39 - 9 * level)) & (WALK_ENTRIES - 1);
}

static void walk_clean(const struct smmuv3_pgt_walk *w, const void *at, uint64_t len)
{
	if (w->ops->clean)
		w->ops->clean(w->ctx, at, len);
}

static void walk_sync(const struct smmuv3_pgt_walk *w)
{
	if (w->ops->sync)
		w->ops->sync(w->ctx);
}

/* Store one entry and clean it. */
static void walk_set(const struct smmuv3_pgt_walk *w, uint64_t *e, uint64_t v)
{
	*e = v;
	walk_clean(w, e, sizeof(*e));
}

/* A new table: zeroed, and the zeroes cleaned before any entry points at it. */
static smmuv3_phys_t walk_new_table(const struct smmuv3_pgt_walk *w)
{
	smmuv3_phys_t t = w->ops->alloc(w->ctx);
	if (!t)
		return 0;
	uint64_t *v = w->ops->map(w->ctx, t);
	memset(v, 0, SMMUV3_PGT_PAGE);
	walk_clean(w, v, SMMUV3_PGT_PAGE);
	(*w->table_count)++;
	return t;
}

int smmuv3_pgt_walk_init(const struct smmuv3_pgt_walk *w)
{
	*w->root = walk_new_table(w);
	return *w->root ? 0 : -ENOMEM;
}

static void walk_free_level(const struct smmuv3_pgt_walk *w, smmuv3_phys_t table, unsigned level)
{
	if (level < WALK_LAST_LEVEL) {
		uint64_t *t = w->ops->map(w->ctx, table);
		for (unsigned i = 0; i < WALK_ENTRIES; i++)
			if (t[i] & SMMUV3_PTE_VALID)
				walk_free_level(w, t[i] & SMMUV3_PTE_ADDR, level + 1);
	}
	w->ops->free(w->ctx, table);
	(*w->table_count)--;
}

void smmuv3_pgt_walk_destroy(const struct smmuv3_pgt_walk *w)
{
	if (*w->root)
		walk_free_level(w, *w->root, w->start_level);
	*w->root = 0;
	*w->page_count = 0;
}

/* The leaf slot for in, creating tables on the way when create is set; NULL if absent/out. */
static uint64_t *walk_slot(const struct smmuv3_pgt_walk *w, uint64_t in, bool create)
{
	smmuv3_phys_t table = *w->root;
	for (unsigned level = w->start_level; level < WALK_LAST_LEVEL; level++) {
		uint64_t *e = &w->ops->map(w->ctx, table)[walk_index(in, level)];
		if (!(*e & SMMUV3_PTE_VALID)) {
			if (!create)
				return 0;
			smmuv3_phys_t next = walk_new_table(w);
			if (!next)
				return 0;
			walk_sync(w); /* zeroed before the walker can reach it */
			walk_set(w, e, (next & SMMUV3_PTE_ADDR) | SMMUV3_PTE_TABLE);
		}
		table = *e & SMMUV3_PTE_ADDR;
	}
	return &w->ops->map(w->ctx, table)[walk_index(in, WALK_LAST_LEVEL)];
}

static bool walk_range_ok(const struct smmuv3_pgt_walk *w, uint64_t in, uint64_t size)
{
	if (!size || (in | size) & (SMMUV3_PGT_PAGE - 1))
		return false;
	uint64_t end = in + size;
	return end > in && end <= (1ull << w->in_bits);
}

int smmuv3_pgt_walk_map(const struct smmuv3_pgt_walk *w, uint64_t in, smmuv3_phys_t out,
			uint64_t size, unsigned prot)
{
	if (!walk_range_ok(w, in, size) || (out & (SMMUV3_PGT_PAGE - 1)) ||
	    !(prot & (SMMUV3_PROT_READ | SMMUV3_PROT_WRITE)))
		return -EINVAL;
	uint64_t done = 0;
	int err = 0;
	for (; done < size; done += SMMUV3_PGT_PAGE) {
		uint64_t *e = walk_slot(w, in + done, true);
		if (!e) {
			err = -ENOMEM;
			break;
		}
		if (*e & SMMUV3_PTE_VALID) {
			err = -EEXIST;
			break;
		}
		walk_set(w, e, w->leaf(out + done, prot));
		(*w->page_count)++;
	}
	if (err && done)
		smmuv3_pgt_walk_unmap(w, in, done);
	walk_sync(w);
	return err;
}

int smmuv3_pgt_walk_unmap(const struct smmuv3_pgt_walk *w, uint64_t in, uint64_t size)
{
	if (!walk_range_ok(w, in, size))
		return -EINVAL;
	int n = 0;
	for (uint64_t off = 0; off < size; off += SMMUV3_PGT_PAGE) {
		uint64_t *e = walk_slot(w, in + off, false);
		if (!e || !(*e & SMMUV3_PTE_VALID))
			continue;
		walk_set(w, e, 0);
		(*w->page_count)--;
		n++;
	}
	walk_sync(w);
	return n;
}

int smmuv3_pgt_walk_lookup(const struct smmuv3_pgt_walk *w, uint64_t in, smmuv3_phys_t *out,
			   uint64_t *pte)
{
	if (in >> w->in_bits || !*w->root)
		return -EINVAL;
	uint64_t *e = walk_slot(w, in, false);
	if (!e || (*e & SMMUV3_PTE_PAGE) != SMMUV3_PTE_PAGE)
		return -ENOENT;
	if (out)
		*out = (*e & SMMUV3_PTE_ADDR) | (in & (SMMUV3_PGT_PAGE - 1));
	if (pte)
		*pte = *e;
	return 0;
}
