/* SPDX-License-Identifier: MIT */
/*
 * What an SMMUv3 says it implements (IDR0-IDR5, IHI 0070 §6.3.1-6.3.6),
 * and whether doorbell can drive it: stage 1 with AArch64 4 KiB tables,
 * a linear stream table, its own queues. Pure: host-tested.
 */
#ifndef DOORBELL_SMMUV3_CAPS_H
#define DOORBELL_SMMUV3_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest linear stream table doorbell builds: 2^16 STEs, 4 MiB. */
#define SMMUV3_LINEAR_MAX_BITS 16u

struct smmuv3_caps {
	uint32_t idr[6];
	uint32_t iidr, aidr;
	bool s1p, s2p, cohacc, asid16, vmid16, msi, ats, pri, two_level_st, tables_preset,
		queues_preset, gran4k, gran16k, gran64k;
	unsigned ttf;      /* 1 AArch32, 2 AArch64, 3 both */
	unsigned ttendian; /* 0 mixed, 2 little, 3 big */
	unsigned stall_model;
	unsigned sid_bits, ssid_bits, cmdq_log2, evtq_log2;
	unsigned oas_enc, oas_bits;
};

void smmuv3_caps_decode(struct smmuv3_caps *c, const uint32_t idr[6], uint32_t iidr, uint32_t aidr);
/* OAS / IPS encoding -> bits (§6.3.6): 32 36 40 42 44 48 52; 0 for reserved values. */
unsigned smmuv3_oas_bits(unsigned enc);
/*
 * 0 when doorbell can drive the unit for StreamIDs up to max_sid, else
 * -EOPNOTSUPP with the reason in why: no stage 1, no AArch64 tables, no
 * 4 KiB granule, big-endian tables only, preset tables or queues, StreamIDs
 * beyond SIDSIZE, or a linear table larger than SMMUV3_LINEAR_MAX_BITS.
 */
int smmuv3_caps_check(const struct smmuv3_caps *c, uint32_t max_sid, char *why, size_t size);
/*
 * smmuv3_caps_check for the stages a mode uses: need_s1 (stage-1 contexts,
 * nested) and need_s2 (stage 2 only, nested: "no stage 2 (IDR0.S2P = 0)"
 * otherwise). smmuv3_caps_check is (true, false).
 */
int smmuv3_caps_check_stages(const struct smmuv3_caps *c, uint32_t max_sid, bool need_s1,
			     bool need_s2, char *why, size_t size);
/*
 * True when the CPU must clean what it writes for the unit (STEs, CDs, page
 * tables, command queue slots) to the point of coherency, and clean and
 * invalidate event records before reading them: IDR0.COHACC = 0 (§6.3.1),
 * the unit's table and queue accesses do not snoop the CPU's caches. Such a
 * unit is driven, not refused.
 */
bool smmuv3_caps_must_clean(const struct smmuv3_caps *c);
/* Bits a linear table needs to index StreamIDs 0..max_sid (LOG2SIZE). */
unsigned smmuv3_sid_bits_for(uint32_t max_sid);

#endif
