/* SPDX-License-Identifier: MIT */
/*
 * Stage-2 page tables of an SMMUv3 (Arm ARM DDI 0487, VMSAv8-64 stage 2):
 * 4 KiB granule, an IPA space of ipa_bits (25 to 48), the start level
 * derived from it with a single start-level table (no concatenation): 4 -
 * ceil((ipa_bits - 12) / 9), so 39 bits start at level 1, 40-48 at level 0.
 * 4 KiB pages only. Leaves carry stage-2 attributes: S2AP (read, write),
 * MemAttr (Normal write-back or Device-nGnRE), SH, AF, XN. The table memory
 * comes through struct smmuv3_pgt_ops, as for stage 1. Pure: host-tested.
 *
 *	struct smmuv3_s2_pgt p;
 *	smmuv3_s2_pgt_init(&p, &ops, ctx, 44);           // start level 0, T0SZ 20
 *	smmuv3_s2_pgt_map(&p, ipa, pa, 0x10000, SMMUV3_PROT_WRITE | SMMUV3_PROT_DEVICE);
 *	smmuv3_s2_pgt_lookup(&p, ipa + 0x40, &out, NULL); // out == pa + 0x40
 */
#ifndef DOORBELL_SMMUV3_S2_PGTABLE_H
#define DOORBELL_SMMUV3_S2_PGTABLE_H

#include <stdint.h>

#include "drivers/iommu/smmuv3/smmuv3_pgtable.h"

#define SMMUV3_S2_IPA_MIN 25u
#define SMMUV3_S2_IPA_MAX 48u

/* Stage-2 descriptor bits (D8.3.2, D8.5.5 stage 2 memory attributes). */
#define SMMUV3_S2PTE_MEMATTR(v)   ((uint64_t)((v)&0xfu) << 2)
#define SMMUV3_S2PTE_MEMATTR_NORM 0xfu /* Normal, outer and inner write-back cacheable */
#define SMMUV3_S2PTE_MEMATTR_DEV  0x1u /* Device-nGnRE */
#define SMMUV3_S2PTE_S2AP_R       (1ull << 6)
#define SMMUV3_S2PTE_S2AP_W       (1ull << 7)
#define SMMUV3_S2PTE_SH_INNER     (3ull << 8)
#define SMMUV3_S2PTE_AF           (1ull << 10)
#define SMMUV3_S2PTE_XN           (1ull << 54) /* XN[1]: no instruction fetch */

struct smmuv3_s2_pgt {
	const struct smmuv3_pgt_ops *ops;
	void *ctx;
	smmuv3_phys_t root; /* the start-level table: S2TTB */
	unsigned ipa_bits, start_level;
	unsigned table_count;
	unsigned page_count;
};

/* Start level for ipa_bits (4 KiB granule), 0-2; 0 for sizes out of range. */
unsigned smmuv3_s2_start_level(unsigned ipa_bits);
/* STE.S2SL0 for a start level, 4 KiB granule: 2 - level (§5.2, VTCR_EL2.SL0). */
unsigned smmuv3_s2_sl0(unsigned start_level);
/* 0, -EINVAL (ipa_bits out of range), -ENOMEM. */
int smmuv3_s2_pgt_init(struct smmuv3_s2_pgt *p, const struct smmuv3_pgt_ops *ops, void *ctx,
		       unsigned ipa_bits);
void smmuv3_s2_pgt_destroy(struct smmuv3_s2_pgt *p);
/*
 * Map [ipa, ipa + size) onto [pa, ...) in 4 KiB pages: 0, -EINVAL
 * (unaligned, empty, beyond the IPA size, neither READ nor WRITE), -EEXIST,
 * -ENOMEM; on error nothing of this call stays mapped.
 */
int smmuv3_s2_pgt_map(struct smmuv3_s2_pgt *p, uint64_t ipa, smmuv3_phys_t pa, uint64_t size,
		      unsigned prot);
/* The number of pages unmapped, or -EINVAL. */
int smmuv3_s2_pgt_unmap(struct smmuv3_s2_pgt *p, uint64_t ipa, uint64_t size);
/* 0 with the output address (and leaf), -ENOENT, -EINVAL. */
int smmuv3_s2_pgt_lookup(const struct smmuv3_s2_pgt *p, uint64_t ipa, smmuv3_phys_t *pa,
			 uint64_t *pte);
/* The stage-2 leaf for a page (pure). */
uint64_t smmuv3_s2_pgt_leaf(smmuv3_phys_t pa, unsigned prot);

#endif
