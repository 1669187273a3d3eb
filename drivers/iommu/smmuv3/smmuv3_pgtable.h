/* SPDX-License-Identifier: MIT */
/*
 * Stage-1 page tables for an SMMUv3 context: the VMSAv8-64 format (Arm ARM
 * DDI 0487 D8.3) with a 4 KiB granule and a 48-bit IOVA (T0SZ = 16), four
 * levels, 4 KiB pages only. Tables come from the caller's allocator and
 * are reached through its map callback, so host tests run it on fake RAM.
 *
 *	struct smmuv3_pgt p;
 *	smmuv3_pgt_init(&p, &ops, ctx);
 *	smmuv3_pgt_map(&p, iova, phys, 0x2000, SMMUV3_PROT_READ | SMMUV3_PROT_WRITE);
 *	smmuv3_pgt_lookup(&p, iova + 0x10, &pa, NULL);    // pa == phys + 0x10
 *	smmuv3_pgt_unmap(&p, iova, 0x2000);
 *	smmuv3_pgt_destroy(&p);
 */
#ifndef DOORBELL_SMMUV3_PGTABLE_H
#define DOORBELL_SMMUV3_PGTABLE_H

#include <stdint.h>

#define SMMUV3_PGT_IOVA_BITS 48u
#define SMMUV3_PGT_T0SZ      (64u - SMMUV3_PGT_IOVA_BITS)
#define SMMUV3_PGT_PAGE      4096u

/* Mapping permissions and attributes. */
#define SMMUV3_PROT_READ   (1u << 0)
#define SMMUV3_PROT_WRITE  (1u << 1)
#define SMMUV3_PROT_DEVICE (1u << 2) /* Device-nGnRE (an MSI doorbell), else Normal WB */

/* The MAIR the context descriptor carries; AttrIndx 0 and 1 of the leaf entries. */
#define SMMUV3_PGT_ATTR_NORMAL 0u
#define SMMUV3_PGT_ATTR_DEVICE 1u
#define SMMUV3_PGT_MAIR        0x04ffull /* idx 0: Normal WB RWA, idx 1: Device-nGnRE */

/* Descriptor bits (D8.3.1, D8.3.2). */
#define SMMUV3_PTE_VALID     (1ull << 0)
#define SMMUV3_PTE_TABLE     (3ull << 0) /* levels 0-2 */
#define SMMUV3_PTE_PAGE      (3ull << 0) /* level 3 */
#define SMMUV3_PTE_AP_UNPRIV (1ull << 6) /* AP[1]: unprivileged accesses too */
#define SMMUV3_PTE_AP_RDONLY (1ull << 7) /* AP[2] */
#define SMMUV3_PTE_SH_INNER  (3ull << 8)
#define SMMUV3_PTE_AF        (1ull << 10)
/*
 * nG, bit 11 (D8.3.2): the entry belongs to the context's ASID. Unmapping
 * invalidates by ASID (CMD_TLBI_NH_ASID, SMMUv3 4.4.2), which leaves
 * global entries cached: every stage-1 leaf is non-global.
 */
#define SMMUV3_PTE_NG   (1ull << 11)
#define SMMUV3_PTE_XN   (3ull << 53) /* PXN, UXN: devices do not fetch instructions here */
#define SMMUV3_PTE_ADDR 0x0000fffffffff000ull

typedef uint64_t smmuv3_phys_t;

struct smmuv3_pgt_ops {
	/* One zeroed 4 KiB page: its physical address, 0 when out. */
	smmuv3_phys_t (*alloc)(void *ctx);
	void (*free)(void *ctx, smmuv3_phys_t page);
	/* A CPU pointer to the page at phys. */
	uint64_t *(*map)(void *ctx, smmuv3_phys_t page);
	/* Make table writes visible to the SMMU's walker (a barrier; may be NULL). */
	void (*sync)(void *ctx);
	/*
	 * Called with every range of a table the builder wrote (a zeroed table,
	 * a table or leaf entry), before sync: a walker that does not snoop the
	 * caches needs it cleaned to the point of coherency. NULL when the
	 * walker is coherent.
	 */
	void (*clean)(void *ctx, const void *p, uint64_t len);
};

struct smmuv3_pgt {
	const struct smmuv3_pgt_ops *ops;
	void *ctx;
	smmuv3_phys_t root; /* level-0 table: the CD's TTB0 */
	unsigned table_count;
	unsigned page_count; /* leaf entries in use */
};

/* 0, or -ENOMEM (no root table). */
int smmuv3_pgt_init(struct smmuv3_pgt *p, const struct smmuv3_pgt_ops *ops, void *ctx);
/* Frees every table. */
void smmuv3_pgt_destroy(struct smmuv3_pgt *p);
/*
 * Map [iova, iova + size) to [phys, ...) in 4 KiB pages: 0, -EINVAL
 * (unaligned, empty, beyond 48 bits, no READ or WRITE), -EEXIST (a page
 * already mapped), -ENOMEM; on error nothing of this call stays mapped.
 */
int smmuv3_pgt_map(struct smmuv3_pgt *p, uint64_t iova, smmuv3_phys_t phys, uint64_t size,
		   unsigned prot);
/* Unmap every page of the range: the number unmapped (pages not mapped are skipped). */
int smmuv3_pgt_unmap(struct smmuv3_pgt *p, uint64_t iova, uint64_t size);
/* Walk as the SMMU would: 0 with the output address (and leaf entry), -ENOENT, -EINVAL. */
int smmuv3_pgt_lookup(const struct smmuv3_pgt *p, uint64_t iova, smmuv3_phys_t *phys,
		      uint64_t *pte);
/* The leaf entry for a page (pure): valid page, AF, nG, inner shareable, AP and AttrIndx from prot. */
uint64_t smmuv3_pgt_leaf(smmuv3_phys_t phys, unsigned prot);

#endif
