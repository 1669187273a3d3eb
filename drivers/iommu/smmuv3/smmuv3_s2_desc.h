/* SPDX-License-Identifier: MIT */
/*
 * SMMUv3 stage-2 encodings (Arm IHI 0070): the stage-2 half of a stream
 * table entry (§5.2, words 2 and 3), STEs with stage 2 only (Config 0b110)
 * and nested (0b111), the stage-2 TLB invalidations (§4.4.5, §4.4.6), and
 * the stage-2 view of an event record (§7.3: S2, CLASS, IPA). Pure:
 * host-tested.
 */
#ifndef DOORBELL_SMMUV3_S2_DESC_H
#define DOORBELL_SMMUV3_S2_DESC_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/iommu/smmuv3/smmuv3_desc.h"

/* What a stage-2 STE says about its tables: the VTCR-like fields and S2TTB (§5.2 word 2, 3). */
struct smmuv3_s2_fields {
	uint16_t vmid; /* S2VMID */
	unsigned t0sz; /* S2T0SZ: 64 - IPA bits */
	unsigned sl0;  /* S2SL0: start level (4 KiB granule: 0 level 2, 1 level 1, 2 level 0) */
	unsigned ps;   /* S2PS: output size, encoded as IDR5.OAS */
	uint64_t ttb;  /* S2TTB: the start-level table, 4 KiB aligned */
};

/*
 * Word 2: S2VMID 15:0, S2T0SZ 37:32, S2SL0 39:38, S2IR0 41:40, S2OR0 43:42,
 * S2SH0 45:44, S2TG 47:46, S2PS 50:48, S2AA64 51, S2ENDI 52, S2AFFD 53,
 * S2PTW 54, S2HD 55, S2HA 56, S2S 57, S2R 58. Word 3: S2TTB 51:4.
 */
#define SMMUV3_STE2_T0SZ(v)  ((uint64_t)((v)&0x3fu) << 32)
#define SMMUV3_STE2_SL0(v)   ((uint64_t)((v)&3u) << 38)
#define SMMUV3_STE2_IR0(v)   ((uint64_t)((v)&3u) << 40)
#define SMMUV3_STE2_OR0(v)   ((uint64_t)((v)&3u) << 42)
#define SMMUV3_STE2_SH0(v)   ((uint64_t)((v)&3u) << 44)
#define SMMUV3_STE2_TG(v)    ((uint64_t)((v)&3u) << 46) /* 0 = 4 KiB */
#define SMMUV3_STE2_PS(v)    ((uint64_t)((v)&7u) << 48)
#define SMMUV3_STE2_AA64     (1ull << 51)
#define SMMUV3_STE2_R        (1ull << 58) /* record stage-2 faults */
#define SMMUV3_STE3_TTB_MASK 0x000ffffffffffff0ull

/*
 * V = 1, Config = 0b110: stage 1 bypassed, stage 2 through f; walks
 * write-back (IR0 = OR0 = 0b01), inner shareable, AArch64 4 KiB tables,
 * faults recorded (S2R), stalls off (S2S = 0), shareability as incoming.
 */
struct smmuv3_ste smmuv3_ste_s2(const struct smmuv3_s2_fields *f);
/*
 * V = 1, Config = 0b111: stage 1 through the CD at cd_ipa (an IPA, §5.2:
 * translated by stage 2 like the stage-1 table walks), then stage 2 as in
 * smmuv3_ste_s2.
 */
struct smmuv3_ste smmuv3_ste_nested(uint64_t cd_ipa, const struct smmuv3_s2_fields *f);
/* The stage-2 fields of an STE (whatever its Config). */
void smmuv3_ste_s2_decode(const struct smmuv3_ste *ste, struct smmuv3_s2_fields *f);

/* --- commands (§4.4) ------------------------------------------------------- */

#define SMMUV3_CMD_TLBI_S12_VMALL 0x28
#define SMMUV3_CMD_TLBI_S2_IPA    0x2a

/* VMID 47:32 of word 0; word 1: Leaf 0, IPA 51:12 (§4.4.5). */
struct smmuv3_cmd smmuv3_cmd_tlbi_s2_ipa(uint16_t vmid, uint64_t ipa, bool leaf);
/* Every stage-1 and stage-2 entry of the VMID (§4.4.6). */
struct smmuv3_cmd smmuv3_cmd_tlbi_s12_vmall(uint16_t vmid);
/*
 * The command with VMID (word 0, 47:32) set: stage-1 TLBIs of a nested
 * stream (TLBI_NH_ASID, TLBI_NH_VA) match entries of that VMID only.
 */
struct smmuv3_cmd smmuv3_cmd_with_vmid(struct smmuv3_cmd cmd, uint16_t vmid);
const char *smmuv3_s2_cmd_name(unsigned op);

/* --- events (§7.3) ---------------------------------------------------------- */

/* CLASS (§7.3.2, Table 7-3): "CD", "TT", "IN"; "reserved" for 3. */
const char *smmuv3_event_class_name(unsigned class_);
/*
 * One line for an event record: type, StreamID, input address, direction,
 * then word 3 as addr2, or for a stage-2 fault (S2 = 1) as the IPA with the
 * class: "F_TRANSLATION (0x10) sid 0x8 addr 0x8000040 write stage 2 ipa
 * 0x1000010040 class IN". Returns what snprintf returns.
 */
int smmuv3_event_format(const struct smmuv3_event *ev, char *buf, size_t size);

#endif
