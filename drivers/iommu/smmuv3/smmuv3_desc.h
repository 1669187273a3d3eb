/* SPDX-License-Identifier: MIT */
/*
 * SMMUv3 in-memory structures (Arm IHI 0070): stream table entries (§5.2),
 * context descriptors (§5.4), commands (§4) and event records (§7.3).
 * Pure encode/decode: host-tested.
 */
#ifndef DOORBELL_SMMUV3_DESC_H
#define DOORBELL_SMMUV3_DESC_H

#include <stdbool.h>
#include <stdint.h>

/* --- stream table entries (§5.2) ----------------------------------------- */

struct smmuv3_ste {
	uint64_t w[8];
};

/* STE.Config (bits 3:1 of word 0), §5.2 Table 5-1. */
enum smmuv3_ste_config {
	SMMUV3_STE_ABORT = 0x0,  /* 0b000: abort, no event */
	SMMUV3_STE_BYPASS = 0x4, /* 0b100: stage 1 and 2 bypass */
	SMMUV3_STE_S1 = 0x5,     /* 0b101: stage 1 translate, stage 2 bypass */
	SMMUV3_STE_S2 = 0x6,
	SMMUV3_STE_NESTED = 0x7,
};

#define SMMUV3_STE_V           (1ull << 0)
#define SMMUV3_STE_CTXPTR_MASK 0x000fffffffffffc0ull /* 51:6 */
#define SMMUV3_STE_SHCFG_INCOM (1ull << 44)          /* word 1, SHCFG = 0b01: incoming */
#define SMMUV3_STE_S1_ATTRS    0xd4ull /* word 1: S1CIR = S1COR = WBRA, S1CSH = inner */

/* V = 1, Config = abort: streams not in use (§5.2: no event is recorded). */
struct smmuv3_ste smmuv3_ste_abort(void);
/* V = 1, Config = bypass, shareability as incoming. */
struct smmuv3_ste smmuv3_ste_bypass(void);
/* V = 1, Config = stage-1 translate with one context descriptor at cd_phys (64-byte aligned). */
struct smmuv3_ste smmuv3_ste_s1(uint64_t cd_phys);
/* Config of a valid STE, or -1 when V = 0. */
int smmuv3_ste_config(const struct smmuv3_ste *ste);
uint64_t smmuv3_ste_cd_ptr(const struct smmuv3_ste *ste);
const char *smmuv3_ste_config_name(int config);

/* --- context descriptors (§5.4) ------------------------------------------ */

struct smmuv3_cd {
	uint64_t w[8];
};

struct smmuv3_cd_fields {
	uint64_t ttb0; /* level-0 table, 4 KiB aligned */
	uint16_t asid;
	unsigned t0sz; /* 64 - IOVA bits: 16 for 48 bits */
	unsigned ips;  /* output size encoding, as IDR5.OAS */
	uint64_t mair; /* MAIR0 | MAIR1 << 32 */
};

#define SMMUV3_CD_V    (1ull << 31)
#define SMMUV3_CD_EPD1 (1ull << 30)
#define SMMUV3_CD_AA64 (1ull << 41)
#define SMMUV3_CD_R    (1ull << 45) /* record faults: F_TRANSLATION and the others */
#define SMMUV3_CD_A    (1ull << 46) /* abort (not RAZ/WI) on a fault */
#define SMMUV3_CD_ASET (1ull << 47)

/*
 * AArch64 tables through TTB0 only (EPD1), 4 KiB granule, walks inner
 * shareable write-back, faults recorded (R) and aborted (A).
 */
struct smmuv3_cd smmuv3_cd_s1(const struct smmuv3_cd_fields *f);
void smmuv3_cd_decode(const struct smmuv3_cd *cd, struct smmuv3_cd_fields *f, bool *valid);

/* --- commands (§4) --------------------------------------------------------- */

struct smmuv3_cmd {
	uint64_t w[2];
};

enum smmuv3_cmd_op {
	SMMUV3_CMD_PREFETCH_CONFIG = 0x01,
	SMMUV3_CMD_CFGI_STE = 0x03,
	SMMUV3_CMD_CFGI_STE_RANGE = 0x04, /* CFGI_ALL is the range of 2^32 */
	SMMUV3_CMD_CFGI_CD = 0x05,
	SMMUV3_CMD_CFGI_CD_ALL = 0x06,
	SMMUV3_CMD_TLBI_NH_ALL = 0x10,
	SMMUV3_CMD_TLBI_NH_ASID = 0x11,
	SMMUV3_CMD_TLBI_NH_VA = 0x12,
	SMMUV3_CMD_TLBI_EL2_ALL = 0x20,
	SMMUV3_CMD_TLBI_NSNH_ALL = 0x30,
	SMMUV3_CMD_SYNC = 0x46,
};

struct smmuv3_cmd smmuv3_cmd_cfgi_ste(uint32_t sid, bool leaf);
struct smmuv3_cmd smmuv3_cmd_cfgi_all(void);
struct smmuv3_cmd smmuv3_cmd_tlbi_nh_all(void);
struct smmuv3_cmd smmuv3_cmd_tlbi_nh_asid(uint16_t asid);
struct smmuv3_cmd smmuv3_cmd_tlbi_nh_va(uint16_t asid, uint64_t iova, bool leaf);
struct smmuv3_cmd smmuv3_cmd_tlbi_nsnh_all(void);
/* CS = SIG_NONE: completion is seen by CONS passing it (§4.7.3). */
struct smmuv3_cmd smmuv3_cmd_sync(void);
/* Any opcode with zero operands (tests use an undefined one for CERROR_ILL). */
struct smmuv3_cmd smmuv3_cmd_raw(uint8_t op);
const char *smmuv3_cmd_name(unsigned op);

/* CMDQ_CONS.ERR (§7.1, Table 7-1). */
enum smmuv3_cerror {
	SMMUV3_CERROR_NONE = 0,
	SMMUV3_CERROR_ILL = 1,
	SMMUV3_CERROR_ABT = 2,
	SMMUV3_CERROR_ATC_INV_SYNC = 3,
};
const char *smmuv3_cerror_name(unsigned cerror);

/* --- event records (§7.3) ------------------------------------------------- */

enum smmuv3_event_type {
	SMMUV3_EVT_F_UUT = 0x01,
	SMMUV3_EVT_C_BAD_STREAMID = 0x02,
	SMMUV3_EVT_F_STE_FETCH = 0x03,
	SMMUV3_EVT_C_BAD_STE = 0x04,
	SMMUV3_EVT_F_BAD_ATS_TREQ = 0x05,
	SMMUV3_EVT_F_STREAM_DISABLED = 0x06,
	SMMUV3_EVT_F_TRANSL_FORBIDDEN = 0x07,
	SMMUV3_EVT_C_BAD_SUBSTREAMID = 0x08,
	SMMUV3_EVT_F_CD_FETCH = 0x09,
	SMMUV3_EVT_C_BAD_CD = 0x0a,
	SMMUV3_EVT_F_WALK_EABT = 0x0b,
	SMMUV3_EVT_F_TRANSLATION = 0x10,
	SMMUV3_EVT_F_ADDR_SIZE = 0x11,
	SMMUV3_EVT_F_ACCESS = 0x12,
	SMMUV3_EVT_F_PERMISSION = 0x13,
	SMMUV3_EVT_F_TLB_CONFLICT = 0x20,
	SMMUV3_EVT_F_CFG_CONFLICT = 0x21,
	SMMUV3_EVT_E_PAGE_REQUEST = 0x24,
	SMMUV3_EVT_F_VMS_FETCH = 0x25,
};

struct smmuv3_event {
	uint8_t type;
	bool ssv;
	uint32_t ssid, sid;
	uint16_t stag;
	bool stall, pnu, ind, rnw, s2;
	unsigned class_; /* CLASS: 0 CD, 1 TT, 2 IN (input address) */
	uint64_t addr;   /* input address (IOVA) */
	uint64_t addr2;  /* word 3: IPA or the fetch address */
};

void smmuv3_event_decode(const uint64_t rec[4], struct smmuv3_event *ev);
/* "F_TRANSLATION"; "unknown" for numbers the spec does not define. */
const char *smmuv3_event_name(unsigned type);

#endif
