/* SPDX-License-Identifier: MIT */
/*
 * The VMSAv8-64 table walk both SMMUv3 stages share (Arm ARM DDI 0487 D8.3:
 * 4 KiB granule, 9 bits per level, level 3 holds the pages): tables are
 * created on the way, zeroed and cleaned before an entry points at them;
 * map, unmap and lookup in 4 KiB pages. A stage (smmuv3_pgtable.c for
 * stage 1, smmuv3_s2_pgtable.c for stage 2) gives its start level, input
 * size and leaf encoding through a view of its own state.
 */
#ifndef DOORBELL_SMMUV3_PGT_WALK_H
#define DOORBELL_SMMUV3_PGT_WALK_H

#include "drivers/iommu/smmuv3/smmuv3_pgtable.h"

struct smmuv3_pgt_walk {
	const struct smmuv3_pgt_ops *ops;
	void *ctx;
	smmuv3_phys_t *root;
	unsigned start_level; /* of the root table, 0-3 */
	unsigned in_bits;     /* input addresses below 1 << in_bits */
	unsigned *table_count, *page_count;
	uint64_t (*leaf)(smmuv3_phys_t out, unsigned prot);
};

/* A zeroed, cleaned root table: 0 or -ENOMEM. */
int smmuv3_pgt_walk_init(const struct smmuv3_pgt_walk *w);
/* Frees every table from the root down. */
void smmuv3_pgt_walk_destroy(const struct smmuv3_pgt_walk *w);
/* The stages' map, unmap and lookup contracts (smmuv3_pgtable.h). */
int smmuv3_pgt_walk_map(const struct smmuv3_pgt_walk *w, uint64_t in, smmuv3_phys_t out,
			uint64_t size, unsigned prot);
int smmuv3_pgt_walk_unmap(const struct smmuv3_pgt_walk *w, uint64_t in, uint64_t size);
int smmuv3_pgt_walk_lookup(const struct smmuv3_pgt_walk *w, uint64_t in, smmuv3_phys_t *out,
			   uint64_t *pte);

#endif
