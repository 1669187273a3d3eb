/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/smmuv3/smmuv3_desc.h"

#include <string.h>

static struct smmuv3_ste smmuv3_desc_ste_with(enum smmuv3_ste_config config)
{
	struct smmuv3_ste s;
	memset(&s, 0, sizeof(s));
	s.w[0] = SMMUV3_STE_V | (uint64_t)config << 1;
	return s;
}

struct smmuv3_ste smmuv3_ste_abort(void)
{
	return smmuv3_desc_ste_with(SMMUV3_STE_ABORT);
}

struct smmuv3_ste smmuv3_ste_bypass(void)
{
	struct smmuv3_ste s = smmuv3_desc_ste_with(SMMUV3_STE_BYPASS);
	s.w[1] = SMMUV3_STE_SHCFG_INCOM;
	return s;
}

/* S1Fmt = 0 (one CD, linear), S1CDMax = 0: no substreams (§5.2 word 0). */
struct smmuv3_ste smmuv3_ste_s1(uint64_t cd_phys)
{
	struct smmuv3_ste s = smmuv3_desc_ste_with(SMMUV3_STE_S1);
	s.w[0] |= cd_phys & SMMUV3_STE_CTXPTR_MASK;
	s.w[1] = SMMUV3_STE_S1_ATTRS;
	return s;
}

int smmuv3_ste_config(const struct smmuv3_ste *ste)
{
	if (!(ste->w[0] & SMMUV3_STE_V))
		return -1;
	return (int)((ste->w[0] >> 1) & 7u);
}

uint64_t smmuv3_ste_cd_ptr(const struct smmuv3_ste *ste)
{
	return ste->w[0] & SMMUV3_STE_CTXPTR_MASK;
}

const char *smmuv3_ste_config_name(int config)
{
	switch (config) {
	case -1: return "invalid";
	case SMMUV3_STE_ABORT: return "abort";
	case SMMUV3_STE_BYPASS: return "bypass";
	case SMMUV3_STE_S1: return "s1-translate";
	case SMMUV3_STE_S2: return "s2-translate";
	case SMMUV3_STE_NESTED: return "nested";
	}
	return "reserved";
}

/*
 * Word 0: T0SZ 5:0, TG0 7:6 (0 = 4 KiB), IR0 9:8, OR0 11:10 (1 = WBWA),
 * SH0 13:12 (3 = inner), EPD1 30, V 31, IPS 34:32, AA64 41, R 45, A 46,
 * ASET 47, ASID 63:48. Word 1: TTB0 51:4. Word 3: MAIR (§5.4).
 */
struct smmuv3_cd smmuv3_cd_s1(const struct smmuv3_cd_fields *f)
{
	struct smmuv3_cd cd;
	memset(&cd, 0, sizeof(cd));
	cd.w[0] = (uint64_t)(f->t0sz & 0x3f) | 1ull << 8 | 1ull << 10 | 3ull << 12 |
		  SMMUV3_CD_EPD1 | SMMUV3_CD_V | (uint64_t)(f->ips & 7) << 32 | SMMUV3_CD_AA64 |
		  SMMUV3_CD_R | SMMUV3_CD_A | SMMUV3_CD_ASET | (uint64_t)f->asid << 48;
	cd.w[1] = f->ttb0 & 0x000ffffffffffff0ull;
	cd.w[3] = f->mair;
	return cd;
}

void smmuv3_cd_decode(const struct smmuv3_cd *cd, struct smmuv3_cd_fields *f, bool *valid)
{
	f->t0sz = cd->w[0] & 0x3f;
	f->ips = (cd->w[0] >> 32) & 7;
	f->asid = (uint16_t)(cd->w[0] >> 48);
	f->ttb0 = cd->w[1] & 0x000ffffffffffff0ull;
	f->mair = cd->w[3];
	*valid = cd->w[0] & SMMUV3_CD_V;
}

static struct smmuv3_cmd smmuv3_desc_cmd(uint8_t op, uint64_t w0, uint64_t w1)
{
	return (struct smmuv3_cmd){{op | w0, w1}};
}

/* CFGI_STE: StreamID 63:32, Leaf in word 1 bit 0 (§4.3.2). */
struct smmuv3_cmd smmuv3_cmd_cfgi_ste(uint32_t sid, bool leaf)
{
	return smmuv3_desc_cmd(SMMUV3_CMD_CFGI_STE, (uint64_t)sid << 32, leaf ? 1 : 0);
}

/* CFGI_ALL = CFGI_STE_RANGE with Range = 31 (§4.3.3). */
struct smmuv3_cmd smmuv3_cmd_cfgi_all(void)
{
	return smmuv3_desc_cmd(SMMUV3_CMD_CFGI_STE_RANGE, 0, 31);
}

struct smmuv3_cmd smmuv3_cmd_tlbi_nh_all(void)
{
	return smmuv3_desc_cmd(SMMUV3_CMD_TLBI_NH_ALL, 0, 0);
}

/* ASID 63:48 (§4.4.2). */
struct smmuv3_cmd smmuv3_cmd_tlbi_nh_asid(uint16_t asid)
{
	return smmuv3_desc_cmd(SMMUV3_CMD_TLBI_NH_ASID, (uint64_t)asid << 48, 0);
}

/* Word 1: Leaf 0, Address 63:12 (§4.4.3). */
struct smmuv3_cmd smmuv3_cmd_tlbi_nh_va(uint16_t asid, uint64_t iova, bool leaf)
{
	return smmuv3_desc_cmd(SMMUV3_CMD_TLBI_NH_VA, (uint64_t)asid << 48,
			       (iova & ~0xfffull) | (leaf ? 1 : 0));
}

struct smmuv3_cmd smmuv3_cmd_tlbi_nsnh_all(void)
{
	return smmuv3_desc_cmd(SMMUV3_CMD_TLBI_NSNH_ALL, 0, 0);
}

struct smmuv3_cmd smmuv3_cmd_sync(void)
{
	return smmuv3_desc_cmd(SMMUV3_CMD_SYNC, 0, 0);
}

struct smmuv3_cmd smmuv3_cmd_raw(uint8_t op)
{
	return smmuv3_desc_cmd(op, 0, 0);
}

const char *smmuv3_cmd_name(unsigned op)
{
	switch (op) {
	case SMMUV3_CMD_PREFETCH_CONFIG: return "CMD_PREFETCH_CONFIG";
	case 0x02: return "CMD_PREFETCH_ADDR";
	case SMMUV3_CMD_CFGI_STE: return "CMD_CFGI_STE";
	case SMMUV3_CMD_CFGI_STE_RANGE: return "CMD_CFGI_STE_RANGE";
	case SMMUV3_CMD_CFGI_CD: return "CMD_CFGI_CD";
	case SMMUV3_CMD_CFGI_CD_ALL: return "CMD_CFGI_CD_ALL";
	case SMMUV3_CMD_TLBI_NH_ALL: return "CMD_TLBI_NH_ALL";
	case SMMUV3_CMD_TLBI_NH_ASID: return "CMD_TLBI_NH_ASID";
	case SMMUV3_CMD_TLBI_NH_VA: return "CMD_TLBI_NH_VA";
	case 0x13: return "CMD_TLBI_NH_VAA";
	case SMMUV3_CMD_TLBI_EL2_ALL: return "CMD_TLBI_EL2_ALL";
	case SMMUV3_CMD_TLBI_NSNH_ALL: return "CMD_TLBI_NSNH_ALL";
	case 0x40: return "CMD_ATC_INV";
	case 0x41: return "CMD_PRI_RESP";
	case 0x44: return "CMD_RESUME";
	case 0x45: return "CMD_STALL_TERM";
	case SMMUV3_CMD_SYNC: return "CMD_SYNC";
	}
	return "unknown";
}

const char *smmuv3_cerror_name(unsigned cerror)
{
	switch (cerror) {
	case SMMUV3_CERROR_NONE: return "CERROR_NONE";
	case SMMUV3_CERROR_ILL: return "CERROR_ILL";
	case SMMUV3_CERROR_ABT: return "CERROR_ABT";
	case SMMUV3_CERROR_ATC_INV_SYNC: return "CERROR_ATC_INV_SYNC";
	}
	return "CERROR_reserved";
}

/*
 * Word 0: type 7:0, SSV 11, SubstreamID 31:12, StreamID 63:32. Word 1: STAG
 * 15:0, Stall 31, PnU 33, InD 34, RnW 35, S2 39, CLASS 41:40. Word 2: input
 * address. Word 3: IPA or fetch address (§7.3).
 */
void smmuv3_event_decode(const uint64_t rec[4], struct smmuv3_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = (uint8_t)rec[0];
	ev->ssv = (rec[0] >> 11) & 1;
	ev->ssid = (uint32_t)(rec[0] >> 12) & 0xfffffu;
	ev->sid = (uint32_t)(rec[0] >> 32);
	ev->stag = (uint16_t)rec[1];
	ev->stall = (rec[1] >> 31) & 1;
	ev->pnu = (rec[1] >> 33) & 1;
	ev->ind = (rec[1] >> 34) & 1;
	ev->rnw = (rec[1] >> 35) & 1;
	ev->s2 = (rec[1] >> 39) & 1;
	ev->class_ = (rec[1] >> 40) & 3;
	ev->addr = rec[2];
	ev->addr2 = rec[3] & 0x000ffffffffffff8ull;
}

const char *smmuv3_event_name(unsigned type)
{
	switch (type) {
	case SMMUV3_EVT_F_UUT: return "F_UUT";
	case SMMUV3_EVT_C_BAD_STREAMID: return "C_BAD_STREAMID";
	case SMMUV3_EVT_F_STE_FETCH: return "F_STE_FETCH";
	case SMMUV3_EVT_C_BAD_STE: return "C_BAD_STE";
	case SMMUV3_EVT_F_BAD_ATS_TREQ: return "F_BAD_ATS_TREQ";
	case SMMUV3_EVT_F_STREAM_DISABLED: return "F_STREAM_DISABLED";
	case SMMUV3_EVT_F_TRANSL_FORBIDDEN: return "F_TRANSL_FORBIDDEN";
	case SMMUV3_EVT_C_BAD_SUBSTREAMID: return "C_BAD_SUBSTREAMID";
	case SMMUV3_EVT_F_CD_FETCH: return "F_CD_FETCH";
	case SMMUV3_EVT_C_BAD_CD: return "C_BAD_CD";
	case SMMUV3_EVT_F_WALK_EABT: return "F_WALK_EABT";
	case SMMUV3_EVT_F_TRANSLATION: return "F_TRANSLATION";
	case SMMUV3_EVT_F_ADDR_SIZE: return "F_ADDR_SIZE";
	case SMMUV3_EVT_F_ACCESS: return "F_ACCESS";
	case SMMUV3_EVT_F_PERMISSION: return "F_PERMISSION";
	case SMMUV3_EVT_F_TLB_CONFLICT: return "F_TLB_CONFLICT";
	case SMMUV3_EVT_F_CFG_CONFLICT: return "F_CFG_CONFLICT";
	case SMMUV3_EVT_E_PAGE_REQUEST: return "E_PAGE_REQUEST";
	case SMMUV3_EVT_F_VMS_FETCH: return "F_VMS_FETCH";
	}
	return "unknown";
}
