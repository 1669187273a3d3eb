/* SPDX-License-Identifier: MIT */
/*
 * The host part of a nested SMMUv3: one stage-2 domain (Arm IHI 0070 §3.3,
 * "stage 2") that owns a VMID and an IPA space, as a hypervisor would. It
 * maps the RAM of the machine at IPA = PA (the "guest RAM"), and puts each
 * MSI doorbell's 64 KiB frame (the ITS's GITS_TRANSLATER frame) at an IPA
 * of its own choice: in an RMR window the firmware declared with Device
 * attributes (IORT E.e §3.1.8) when there is one, else in its doorbell
 * area at SMMUV3_S2_DOORBELL_IPA.
 *
 * The guest part (stage-1 contexts, smmuv3_ctx.c, and the MSI backend,
 * smmuv3_msi.c) sees it through four calls only: the STE for a context
 * descriptor (smmuv3_s2_ste), the VMID stamped on its stage-1 TLB
 * invalidations (smmuv3_s2_stamp), the IPA of a doorbell
 * (smmuv3_s2_doorbell_ipa), and whether an address is RAM at IPA = PA.
 * It never reads the stage-2 tables; the host never reads stage 1.
 */
#ifndef DOORBELL_SMMUV3_S2_H
#define DOORBELL_SMMUV3_S2_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/smmuv3/smmuv3_s2_desc.h"
#include "drivers/iommu/smmuv3/smmuv3_s2_pgtable.h"

/* The host's doorbell area: 64 GiB, beyond the RAM of QEMU virt; 64 KiB per doorbell frame. */
#define SMMUV3_S2_DOORBELL_IPA 0x1000000000ull
#define SMMUV3_S2_FRAME        0x10000ull
#define SMMUV3_S2_DOORBELLS    4u
#define SMMUV3_S2_RAM_RANGES   8u

struct smmuv3;

struct smmuv3_s2 {
	struct smmuv3 *smmu;
	uint16_t vmid;
	bool nested; /* stage-1 contexts sit on it (STE Config 0b111), else stage 2 only (0b110) */
	struct smmuv3_s2_pgt pgt;
	unsigned ram_count;
	struct {
		uint64_t base, size;
	} ram[SMMUV3_S2_RAM_RANGES]; /* mapped at IPA = PA */
	unsigned rmr_count;
	struct {
		uint64_t ipa, length;
		bool bound; /* a doorbell frame is mapped there */
	} rmr[SMMUV3_S2_DOORBELLS];
	unsigned doorbell_count;
	struct {
		uint64_t frame; /* physical 64 KiB frame */
		uint64_t ipa;   /* where the host put it */
		bool rmr;       /* in a firmware RMR window */
	} doorbell[SMMUV3_S2_DOORBELLS];
	uint64_t bar_pages;  /* PCI memory BAR pages mapped at IPA = PA */
	uint64_t tlbi_count; /* stage-2 invalidations sent */
};

/*
 * Take a VMID, build empty stage-2 tables over an IPA space as wide as the
 * unit's output (IDR5.OAS, at most 48 bits), map every RAM region of the
 * boot memory map and every PCI memory BAR at IPA = PA: 0, -ENOSPC (no
 * VMID), -ENOMEM, -EINVAL.
 */
int smmuv3_s2_init(struct smmuv3_s2 *d, struct smmuv3 *s, bool nested);
/* Declare an RMR window (IPA range, Device attributes) the host may put a doorbell in: 0, -ENOSPC. */
int smmuv3_s2_add_rmr_window(struct smmuv3_s2 *d, uint64_t ipa, uint64_t length);
/* Stage-2 mappings: as smmuv3_s2_pgt_map. */
int smmuv3_s2_map(struct smmuv3_s2 *d, uint64_t ipa, uint64_t pa, uint64_t size, unsigned prot);
/*
 * Unmap, then CMD_TLBI_S2_IPA for each page (leaf) and, for a nested
 * domain, CMD_TLBI_S12_VMALL (§4.4.5: S2_IPA leaves combined stage-1+2
 * entries cached), and CMD_SYNC: the pages unmapped, or submit errors.
 */
int smmuv3_s2_unmap(struct smmuv3_s2 *d, uint64_t ipa, uint64_t size);
/*
 * The IPA at which a device reaches doorbell_pa: its frame is mapped
 * (Device-nGnRE, write) the first time, in a free RMR window or the host's
 * doorbell area, and kept. 0, -ENOSPC, mapping errors.
 */
int smmuv3_s2_doorbell_ipa(struct smmuv3_s2 *d, uint64_t doorbell_pa, uint64_t *ipa);
/* The STE for a stream: nested over the CD at cd_ipa, or stage 2 only when cd_ipa is 0. */
struct smmuv3_ste smmuv3_s2_ste(const struct smmuv3_s2 *d, uint64_t cd_ipa);
void smmuv3_s2_fields(const struct smmuv3_s2 *d, struct smmuv3_s2_fields *f);
/* A stage-1 TLB invalidation of the guest part with the domain's VMID. */
struct smmuv3_cmd smmuv3_s2_stamp(const struct smmuv3_s2 *d, struct smmuv3_cmd cmd);
/* The stage-2 walk of ipa: 0 with the PA, -ENOENT (a stage-2 fault), -EINVAL. */
int smmuv3_s2_walk(const struct smmuv3_s2 *d, uint64_t ipa, uint64_t *pa);
/* `# fact smmuv3.s2_*` lines. */
void smmuv3_s2_report(const struct smmuv3_s2 *d);

#endif
