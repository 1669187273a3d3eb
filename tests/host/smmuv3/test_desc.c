/* SPDX-License-Identifier: MIT */
/* SMMUv3 STE, CD, command and event encodings, and the ID-register checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/smmuv3/smmuv3_caps.h"
#include "drivers/iommu/smmuv3/smmuv3_desc.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"

static void test_ste(void **state)
{
	struct smmuv3_ste s = smmuv3_ste_abort();
	assert_int_equal(s.w[0], 0x1);
	for (unsigned i = 1; i < 8; i++)
		assert_int_equal(s.w[i], 0);
	assert_int_equal(smmuv3_ste_config(&s), SMMUV3_STE_ABORT);
	s = smmuv3_ste_bypass();
	assert_int_equal(s.w[0], 0x9);
	assert_int_equal(s.w[1], 1ull << 44);
	assert_int_equal(smmuv3_ste_config(&s), SMMUV3_STE_BYPASS);
	s = smmuv3_ste_s1(0x40123440);
	assert_int_equal(s.w[0], 0x4012344b); /* V, Config 0b101, S1ContextPtr */
	assert_int_equal(s.w[1], 0xd4);       /* S1CIR = S1COR = WBRA, S1CSH inner */
	assert_int_equal(smmuv3_ste_cd_ptr(&s), 0x40123440);
	assert_string_equal(smmuv3_ste_config_name(smmuv3_ste_config(&s)), "s1-translate");
	memset(&s, 0, sizeof(s));
	assert_int_equal(smmuv3_ste_config(&s), -1);
}

static void test_cd(void **state)
{
	struct smmuv3_cd_fields f = {
		.ttb0 = 0x40200000, .asid = 5, .t0sz = 16, .ips = 4, .mair = 0x4ff};
	struct smmuv3_cd cd = smmuv3_cd_s1(&f);
	assert_int_equal(cd.w[0], 0x0005e204c0003510ull);
	assert_int_equal(cd.w[1], 0x40200000);
	assert_int_equal(cd.w[2], 0);
	assert_int_equal(cd.w[3], 0x4ff);
	struct smmuv3_cd_fields g;
	bool valid;
	smmuv3_cd_decode(&cd, &g, &valid);
	assert_true(valid);
	assert_int_equal(g.ttb0, f.ttb0);
	assert_int_equal(g.asid, 5);
	assert_int_equal(g.t0sz, 16);
	assert_int_equal(g.ips, 4);
	assert_int_equal(g.mair, 0x4ff);
}

static void test_commands(void **state)
{
	struct smmuv3_cmd c = smmuv3_cmd_cfgi_ste(0x10, true);
	assert_int_equal(c.w[0], 0x0000001000000003ull);
	assert_int_equal(c.w[1], 1);
	c = smmuv3_cmd_cfgi_all();
	assert_int_equal(c.w[0], 0x04);
	assert_int_equal(c.w[1], 31);
	c = smmuv3_cmd_tlbi_nh_asid(7);
	assert_int_equal(c.w[0], 0x0007000000000011ull);
	c = smmuv3_cmd_tlbi_nh_va(3, 0x12345678, true);
	assert_int_equal(c.w[0], 0x0003000000000012ull);
	assert_int_equal(c.w[1], 0x12345001);
	assert_int_equal(smmuv3_cmd_tlbi_nh_all().w[0], 0x10);
	assert_int_equal(smmuv3_cmd_tlbi_nsnh_all().w[0], 0x30);
	c = smmuv3_cmd_sync();
	assert_int_equal(c.w[0], 0x46);
	assert_int_equal(c.w[1], 0);
	assert_string_equal(smmuv3_cmd_name(0x46), "CMD_SYNC");
	assert_string_equal(smmuv3_cmd_name(0xff), "unknown");
	assert_string_equal(smmuv3_cerror_name(1), "CERROR_ILL");
	assert_string_equal(smmuv3_cerror_name(2), "CERROR_ABT");
	assert_string_equal(smmuv3_cerror_name(9), "CERROR_reserved");
}

static void test_events(void **state)
{
	/* F_TRANSLATION of a write by StreamID 8 at IOVA 0x40018000 (as QEMU 7.2 writes it). */
	uint64_t rec[4] = {0x0000000800000010ull, 0, 0x40018000, 0};
	struct smmuv3_event ev;
	smmuv3_event_decode(rec, &ev);
	assert_int_equal(ev.type, SMMUV3_EVT_F_TRANSLATION);
	assert_int_equal(ev.sid, 8);
	assert_false(ev.ssv);
	assert_int_equal(ev.addr, 0x40018000);
	assert_false(ev.rnw);
	/* Every field: SSV + SubstreamID, STAG, Stall, PnU, InD, RnW, S2, CLASS, IPA. */
	uint64_t all[4] = {0x00000123abcde80bull, 0x0000028a80001234ull, 0xfeedf00d, 0x40001237ull};
	smmuv3_event_decode(all, &ev);
	assert_int_equal(ev.type, SMMUV3_EVT_F_WALK_EABT);
	assert_true(ev.ssv);
	assert_int_equal(ev.ssid, 0xabcde);
	assert_int_equal(ev.sid, 0x123);
	assert_int_equal(ev.stag, 0x1234);
	assert_true(ev.stall);
	assert_true(ev.pnu);
	assert_false(ev.ind);
	assert_true(ev.rnw);
	assert_true(ev.s2);
	assert_int_equal(ev.class_, 2);
	assert_int_equal(ev.addr, 0xfeedf00d);
	assert_int_equal(ev.addr2, 0x40001230);
	assert_string_equal(smmuv3_event_name(0x10), "F_TRANSLATION");
	assert_string_equal(smmuv3_event_name(0x02), "C_BAD_STREAMID");
	assert_string_equal(smmuv3_event_name(0x13), "F_PERMISSION");
	assert_string_equal(smmuv3_event_name(0x0c), "unknown");
}

/* QEMU 7.2's SMMUv3 (measured): stage 1 only, AArch64, 16-bit StreamIDs, 44-bit OAS. */
static const uint32_t qemu_idr[6] = {0x0d40101a, 0x02730010, 0, 0x1404, 0, 0x74};

/*
 * IDR0.COHACC (bit 4, §6.3.1): QEMU's unit snoops, so nothing is cleaned;
 * the same unit with COHACC = 0 is still driven (caps_check accepts it),
 * with every STE, CD, table entry and command slot cleaned to the point of
 * coherency and every event record cleaned and invalidated before it is read.
 */
static void test_caps_coherency(void **state)
{
	struct smmuv3_caps c;
	smmuv3_caps_decode(&c, qemu_idr, 0, 1);
	assert_false(smmuv3_caps_must_clean(&c));
	uint32_t idr[6];
	memcpy(idr, qemu_idr, sizeof(idr));
	idr[0] &= ~SMMUV3_IDR0_COHACC;
	assert_int_equal(idr[0], 0x0d40100a);
	smmuv3_caps_decode(&c, idr, 0, 1);
	assert_false(c.cohacc);
	assert_true(smmuv3_caps_must_clean(&c));
	char why[160];
	assert_int_equal(smmuv3_caps_check(&c, 0xffff, why, sizeof(why)), 0);
}

static void test_caps_qemu(void **state)
{
	struct smmuv3_caps c;
	smmuv3_caps_decode(&c, qemu_idr, 0, 1);
	assert_true(c.s1p);
	assert_false(c.s2p);
	assert_int_equal(c.ttf, 2);
	assert_true(c.cohacc);
	assert_true(c.asid16);
	assert_false(c.msi);
	assert_int_equal(c.ttendian, 2);
	assert_int_equal(c.stall_model, 1);
	assert_true(c.two_level_st);
	assert_int_equal(c.sid_bits, 16);
	assert_int_equal(c.cmdq_log2, 19);
	assert_int_equal(c.evtq_log2, 19);
	assert_int_equal(c.oas_enc, 4);
	assert_int_equal(c.oas_bits, 44);
	assert_true(c.gran4k && c.gran16k && c.gran64k);
	char why[160];
	assert_int_equal(smmuv3_caps_check(&c, 0x100, why, sizeof(why)), 0);
	assert_int_equal(smmuv3_caps_check(&c, 0xffff, why, sizeof(why)), 0);
}

static void expect_refused(const uint32_t idr[6], uint32_t max_sid, const char *needle)
{
	struct smmuv3_caps c;
	char why[160] = "";
	smmuv3_caps_decode(&c, idr, 0, 0);
	assert_int_equal(smmuv3_caps_check(&c, max_sid, why, sizeof(why)), -EOPNOTSUPP);
	assert_non_null(strstr(why, needle));
}

static void test_caps_refusals(void **state)
{
	uint32_t idr[6];
	memcpy(idr, qemu_idr, sizeof(idr));
	idr[0] &= ~2u; /* S1P */
	expect_refused(idr, 0x100, "IDR0.S1P = 0");
	memcpy(idr, qemu_idr, sizeof(idr));
	idr[0] = (idr[0] & ~0xcu) | 0x4; /* TTF = AArch32 */
	expect_refused(idr, 0x100, "IDR0.TTF = 1");
	memcpy(idr, qemu_idr, sizeof(idr));
	idr[0] |= 3u << 21;
	expect_refused(idr, 0x100, "big-endian");
	memcpy(idr, qemu_idr, sizeof(idr));
	idr[5] &= ~0x10u;
	expect_refused(idr, 0x100, "GRAN4K");
	memcpy(idr, qemu_idr, sizeof(idr));
	idr[1] |= 1u << 30;
	expect_refused(idr, 0x100, "preset stream table");
	memcpy(idr, qemu_idr, sizeof(idr));
	expect_refused(idr, 0x1ffff, "IDR1.SIDSIZE is 16");
	idr[1] = (idr[1] & ~0x3fu) | 20;
	expect_refused(idr, 0x1ffff, "two-level tables are not implemented");
	assert_int_equal(smmuv3_sid_bits_for(0), 0);
	assert_int_equal(smmuv3_sid_bits_for(1), 1);
	assert_int_equal(smmuv3_sid_bits_for(0xff), 8);
	assert_int_equal(smmuv3_sid_bits_for(0x100), 9);
	assert_int_equal(smmuv3_sid_bits_for(0xffff), 16);
	assert_int_equal(smmuv3_oas_bits(5), 48);
	assert_int_equal(smmuv3_oas_bits(7), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ste),
		cmocka_unit_test(test_cd),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_caps_qemu),
		cmocka_unit_test(test_caps_refusals),
		cmocka_unit_test(test_caps_coherency),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
