/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_caps.h"

#include <stdio.h>
#include <string.h>

#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"

void smmuv3_caps_decode(struct smmuv3_caps *c, const uint32_t idr[6], uint32_t iidr, uint32_t aidr)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->idr, idr, sizeof(c->idr));
	c->iidr = iidr;
	c->aidr = aidr;
	uint32_t i0 = idr[0], i1 = idr[1], i5 = idr[5];
	c->s1p = i0 & SMMUV3_IDR0_S1P;
	c->s2p = i0 & SMMUV3_IDR0_S2P;
	c->ttf = SMMUV3_IDR0_TTF(i0);
	c->cohacc = i0 & SMMUV3_IDR0_COHACC;
	c->asid16 = i0 & SMMUV3_IDR0_ASID16;
	c->vmid16 = i0 & SMMUV3_IDR0_VMID16;
	c->msi = i0 & SMMUV3_IDR0_MSI;
	c->ats = i0 & SMMUV3_IDR0_ATS;
	c->pri = i0 & SMMUV3_IDR0_PRI;
	c->ttendian = SMMUV3_IDR0_TTENDIAN(i0);
	c->stall_model = SMMUV3_IDR0_STALL_MODEL(i0);
	c->two_level_st = SMMUV3_IDR0_ST_LEVEL(i0) == 1;
	c->sid_bits = SMMUV3_IDR1_SIDSIZE(i1);
	c->ssid_bits = SMMUV3_IDR1_SSIDSIZE(i1);
	c->cmdq_log2 = SMMUV3_IDR1_CMDQS(i1);
	c->evtq_log2 = SMMUV3_IDR1_EVENTQS(i1);
	c->tables_preset = i1 & SMMUV3_IDR1_TABLES_PRESET;
	c->queues_preset = i1 & SMMUV3_IDR1_QUEUES_PRESET;
	c->oas_enc = SMMUV3_IDR5_OAS(i5);
	c->oas_bits = smmuv3_oas_bits(c->oas_enc);
	c->gran4k = i5 & SMMUV3_IDR5_GRAN4K;
	c->gran16k = i5 & SMMUV3_IDR5_GRAN16K;
	c->gran64k = i5 & SMMUV3_IDR5_GRAN64K;
}

unsigned smmuv3_oas_bits(unsigned enc)
{
	static const unsigned bits[] = {32, 36, 40, 42, 44, 48, 52};
	return enc < 7 ? bits[enc] : 0;
}

bool smmuv3_caps_must_clean(const struct smmuv3_caps *c)
{
	return !c->cohacc;
}

unsigned smmuv3_sid_bits_for(uint32_t max_sid)
{
	unsigned b = 0;
	while (b < 32 && ((uint64_t)1 << b) <= max_sid)
		b++;
	return b;
}

int smmuv3_caps_check(const struct smmuv3_caps *c, uint32_t max_sid, char *why, size_t size)
{
	return smmuv3_caps_check_stages(c, max_sid, true, false, why, size);
}

int smmuv3_caps_check_stages(const struct smmuv3_caps *c, uint32_t max_sid, bool need_s1,
			     bool need_s2, char *why, size_t size)
{
	unsigned need = smmuv3_sid_bits_for(max_sid);
	if (need_s1 && !c->s1p)
		snprintf(why, size,
			 "no stage 1 translation (IDR0.S1P = 0): doorbell drives stage 1");
	else if (need_s2 && !c->s2p)
		snprintf(why, size, "no stage 2 (IDR0.S2P = 0): stage 2 and nesting need it");
	else if (!(c->ttf & 2))
		snprintf(why, size, "no AArch64 translation tables (IDR0.TTF = %u)", c->ttf);
	else if (c->ttendian == 3)
		snprintf(why, size, "big-endian translation tables only (IDR0.TTENDIAN = 3)");
	else if (!c->gran4k)
		snprintf(why, size, "no 4 KiB translation granule (IDR5.GRAN4K = 0)");
	else if (c->tables_preset || c->queues_preset)
		snprintf(why, size, "preset %s (IDR1): doorbell brings its own",
			 c->tables_preset ? "stream table" : "queues");
	else if (!c->oas_bits)
		snprintf(why, size, "reserved output address size (IDR5.OAS = %u)", c->oas_enc);
	else if (need > c->sid_bits)
		snprintf(why, size,
			 "the IORT routes StreamIDs up to 0x%x (%u bits), IDR1.SIDSIZE is %u",
			 max_sid, need, c->sid_bits);
	else if (need > SMMUV3_LINEAR_MAX_BITS)
		snprintf(why, size,
			 "StreamIDs up to 0x%x need a linear stream table of 2^%u entries (more "
			 "than 2^%u): two-level tables are not implemented",
			 max_sid, need, SMMUV3_LINEAR_MAX_BITS);
	else
		return 0;
	return -EOPNOTSUPP;
}
