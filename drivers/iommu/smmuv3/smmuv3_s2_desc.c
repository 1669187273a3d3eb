/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_s2_desc.h"

#include <stdio.h>
#include <string.h>

/* S2IR0 = S2OR0 = write-back (0b01), S2SH0 = inner (0b11), S2TG = 4 KiB, S2AA64, S2R. */
static uint64_t smmuv3_s2_word2(const struct smmuv3_s2_fields *f)
{
	return (uint64_t)f->vmid | SMMUV3_STE2_T0SZ(f->t0sz) | SMMUV3_STE2_SL0(f->sl0) |
	       SMMUV3_STE2_IR0(1) | SMMUV3_STE2_OR0(1) | SMMUV3_STE2_SH0(3) | SMMUV3_STE2_TG(0) |
	       SMMUV3_STE2_PS(f->ps) | SMMUV3_STE2_AA64 | SMMUV3_STE2_R;
}

static struct smmuv3_ste smmuv3_s2_ste_with(enum smmuv3_ste_config config,
					    const struct smmuv3_s2_fields *f)
{
	struct smmuv3_ste s;
	memset(&s, 0, sizeof(s));
	s.w[0] = SMMUV3_STE_V | (uint64_t)config << 1;
	s.w[2] = smmuv3_s2_word2(f);
	s.w[3] = f->ttb & SMMUV3_STE3_TTB_MASK;
	return s;
}

struct smmuv3_ste smmuv3_ste_s2(const struct smmuv3_s2_fields *f)
{
	struct smmuv3_ste s = smmuv3_s2_ste_with(SMMUV3_STE_S2, f);
	s.w[1] = SMMUV3_STE_SHCFG_INCOM;
	return s;
}

/* S1Fmt = 0, S1CDMax = 0 as in smmuv3_ste_s1; S1 walk attributes in word 1. */
struct smmuv3_ste smmuv3_ste_nested(uint64_t cd_ipa, const struct smmuv3_s2_fields *f)
{
	struct smmuv3_ste s = smmuv3_s2_ste_with(SMMUV3_STE_NESTED, f);
	s.w[0] |= cd_ipa & SMMUV3_STE_CTXPTR_MASK;
	s.w[1] = SMMUV3_STE_S1_ATTRS;
	return s;
}

void smmuv3_ste_s2_decode(const struct smmuv3_ste *ste, struct smmuv3_s2_fields *f)
{
	uint64_t w = ste->w[2];
	f->vmid = (uint16_t)w;
	f->t0sz = (unsigned)(w >> 32) & 0x3f;
	f->sl0 = (unsigned)(w >> 38) & 3;
	f->ps = (unsigned)(w >> 48) & 7;
	f->ttb = ste->w[3] & SMMUV3_STE3_TTB_MASK;
}

struct smmuv3_cmd smmuv3_cmd_tlbi_s2_ipa(uint16_t vmid, uint64_t ipa, bool leaf)
{
	return (struct smmuv3_cmd){{SMMUV3_CMD_TLBI_S2_IPA | (uint64_t)vmid << 32,
				    (ipa & 0x000ffffffffff000ull) | (leaf ? 1 : 0)}};
}

struct smmuv3_cmd smmuv3_cmd_tlbi_s12_vmall(uint16_t vmid)
{
	return (struct smmuv3_cmd){{SMMUV3_CMD_TLBI_S12_VMALL | (uint64_t)vmid << 32, 0}};
}

struct smmuv3_cmd smmuv3_cmd_with_vmid(struct smmuv3_cmd cmd, uint16_t vmid)
{
	cmd.w[0] = (cmd.w[0] & ~(0xffffull << 32)) | (uint64_t)vmid << 32;
	return cmd;
}

const char *smmuv3_s2_cmd_name(unsigned op)
{
	switch (op) {
	case SMMUV3_CMD_TLBI_S12_VMALL: return "CMD_TLBI_S12_VMALL";
	case SMMUV3_CMD_TLBI_S2_IPA: return "CMD_TLBI_S2_IPA";
	}
	return smmuv3_cmd_name(op);
}

const char *smmuv3_event_class_name(unsigned class_)
{
	switch (class_) {
	case 0: return "CD";
	case 1: return "TT";
	case 2: return "IN";
	}
	return "reserved";
}

int smmuv3_event_format(const struct smmuv3_event *ev, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s (0x%02x) sid 0x%x%s addr 0x%llx %s",
			 smmuv3_event_name(ev->type), ev->type, ev->sid, ev->ssv ? " ssv" : "",
			 (unsigned long long)ev->addr, ev->rnw ? "read" : "write");
	if (n < 0 || (size_t)n >= size)
		return n;
	if (!ev->s2)
		return n + snprintf(buf + n, size - (size_t)n, " addr2 0x%llx",
				    (unsigned long long)ev->addr2);
	return n + snprintf(buf + n, size - (size_t)n, " stage 2 ipa 0x%llx class %s",
			    (unsigned long long)ev->addr2, smmuv3_event_class_name(ev->class_));
}
