/* SPDX-License-Identifier: MIT */
/*
 * SMMUv3 stage-2 encodings: exact STE words for stage 2 only and nested,
 * the stage-2 TLB invalidations, a stage-2 fault event decoded and
 * formatted, the stage checks of the ID registers, VMIDs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/smmuv3/smmuv3_caps.h"
#include "drivers/iommu/smmuv3/smmuv3_s2_desc.h"
#include "drivers/iommu/smmuv3/smmuv3_tags.h"
#include "kernel/errno.h"

/* 44-bit IPA (T0SZ 20) from level 0 (SL0 2), 44-bit output (PS 4), VMID 1. */
static const struct smmuv3_s2_fields f44 = {
	.vmid = 1, .t0sz = 20, .sl0 = 2, .ps = 4, .ttb = 0x40300000};

static void test_ste_s2(void **state)
{
	struct smmuv3_ste s = smmuv3_ste_s2(&f44);
	assert_int_equal(s.w[0], 0xd);        /* V, Config 0b110 */
	assert_int_equal(s.w[1], 1ull << 44); /* SHCFG incoming */
	assert_int_equal(s.w[2],
			 0x040c359400000001); /* S2R, S2AA64, PS 4, SH0/OR0/IR0, SL0 2, T0SZ 20 */
	assert_int_equal(s.w[3], 0x40300000);
	for (unsigned i = 4; i < 8; i++)
		assert_int_equal(s.w[i], 0);
	assert_int_equal(smmuv3_ste_config(&s), SMMUV3_STE_S2);
	assert_string_equal(smmuv3_ste_config_name(smmuv3_ste_config(&s)), "s2-translate");
	struct smmuv3_s2_fields g;
	smmuv3_ste_s2_decode(&s, &g);
	assert_int_equal(g.vmid, 1);
	assert_int_equal(g.t0sz, 20);
	assert_int_equal(g.sl0, 2);
	assert_int_equal(g.ps, 4);
	assert_int_equal(g.ttb, 0x40300000);
	/* 39-bit IPA from level 1, 48-bit output, a 16-bit VMID; TTB bits below 4 dropped. */
	struct smmuv3_s2_fields f39 = {
		.vmid = 0x1234, .t0sz = 25, .sl0 = 1, .ps = 5, .ttb = 0x40301008};
	s = smmuv3_ste_s2(&f39);
	assert_int_equal(s.w[2], 0x040d355900001234);
	assert_int_equal(s.w[3], 0x40301000);
}

static void test_ste_nested(void **state)
{
	struct smmuv3_ste s = smmuv3_ste_nested(0x40123440, &f44);
	assert_int_equal(s.w[0], 0x4012344f); /* V, Config 0b111, S1ContextPtr */
	assert_int_equal(s.w[1], 0xd4);       /* stage-1 walk attributes, as smmuv3_ste_s1 */
	assert_int_equal(s.w[2], 0x040c359400000001);
	assert_int_equal(s.w[3], 0x40300000);
	assert_int_equal(smmuv3_ste_config(&s), SMMUV3_STE_NESTED);
	assert_int_equal(smmuv3_ste_cd_ptr(&s), 0x40123440);
	assert_string_equal(smmuv3_ste_config_name(smmuv3_ste_config(&s)), "nested");
}

static void test_cmds(void **state)
{
	struct smmuv3_cmd c = smmuv3_cmd_tlbi_s2_ipa(1, 0x1000010fffull, true);
	assert_int_equal(c.w[0], 0x10000002a);
	assert_int_equal(c.w[1], 0x1000010001);
	c = smmuv3_cmd_tlbi_s2_ipa(1, 0x1000010000ull, false);
	assert_int_equal(c.w[1], 0x1000010000);
	c = smmuv3_cmd_tlbi_s12_vmall(0x1234);
	assert_int_equal(c.w[0], 0x123400000028);
	assert_int_equal(c.w[1], 0);
	c = smmuv3_cmd_with_vmid(smmuv3_cmd_tlbi_nh_asid(5), 7);
	assert_int_equal(c.w[0], 0x5000700000011); /* ASID 63:48, VMID 47:32 */
	c = smmuv3_cmd_with_vmid(c, 0);
	assert_int_equal(c.w[0], 0x5000000000011);
	assert_string_equal(smmuv3_s2_cmd_name(0x2a), "CMD_TLBI_S2_IPA");
	assert_string_equal(smmuv3_s2_cmd_name(0x28), "CMD_TLBI_S12_VMALL");
	assert_string_equal(smmuv3_s2_cmd_name(0x46), "CMD_SYNC");
}

static void test_s2_fault_event(void **state)
{
	/* F_TRANSLATION at stage 2: edu (0x8) wrote IOVA 0x8000040, IPA 0x1000000040 unmapped. */
	const uint64_t rec[4] = {0x0000000800000010ull, (1ull << 39) | (2ull << 40), 0x8000040,
				 0x1000000040ull};
	struct smmuv3_event ev;
	smmuv3_event_decode(rec, &ev);
	assert_int_equal(ev.type, SMMUV3_EVT_F_TRANSLATION);
	assert_int_equal(ev.sid, 8);
	assert_true(ev.s2);
	assert_int_equal(ev.class_, 2);
	assert_false(ev.rnw);
	assert_int_equal(ev.addr, 0x8000040);
	assert_int_equal(ev.addr2, 0x1000000040ull);
	char line[160];
	smmuv3_event_format(&ev, line, sizeof(line));
	assert_string_equal(line, "F_TRANSLATION (0x10) sid 0x8 addr 0x8000040 write stage 2 ipa "
				  "0x1000000040 class IN");
	/* A stage-2 fault while walking stage 1's tables: CLASS TT, a read. */
	const uint64_t tt[4] = {0x0000000800000010ull, (1ull << 39) | (1ull << 40) | (1ull << 35),
				0x70000000, 0x40400000};
	smmuv3_event_decode(tt, &ev);
	smmuv3_event_format(&ev, line, sizeof(line));
	assert_string_equal(line, "F_TRANSLATION (0x10) sid 0x8 addr 0x70000000 read stage 2 ipa "
				  "0x40400000 class TT");
	/* Stage 1: no S2, word 3 as addr2. */
	const uint64_t s1[4] = {0x0000000800000013ull, 0, 0x70000080, 0};
	smmuv3_event_decode(s1, &ev);
	smmuv3_event_format(&ev, line, sizeof(line));
	assert_string_equal(line, "F_PERMISSION (0x13) sid 0x8 addr 0x70000080 write addr2 0x0");
	assert_string_equal(smmuv3_event_class_name(0), "CD");
	assert_string_equal(smmuv3_event_class_name(3), "reserved");
}

static void test_caps_stages(void **state)
{
	uint32_t idr[6] = {0};
	idr[0] = (2u << 2) | (1u << 1) | (2u << 21); /* S1P, AArch64, little-endian: QEMU 7.2 */
	idr[1] = 16;
	idr[5] = 0x74; /* OAS 44 bits, 4/16/64 KiB granules */
	struct smmuv3_caps c;
	smmuv3_caps_decode(&c, idr, 0, 0);
	char why[160];
	assert_int_equal(smmuv3_caps_check_stages(&c, 0x100, true, false, why, sizeof(why)), 0);
	assert_int_equal(smmuv3_caps_check_stages(&c, 0x100, true, true, why, sizeof(why)),
			 -EOPNOTSUPP);
	assert_string_equal(why, "no stage 2 (IDR0.S2P = 0): stage 2 and nesting need it");
	idr[0] = (2u << 2) | 1u | (2u << 21) | (1u << 18); /* S2P only, VMID16 */
	smmuv3_caps_decode(&c, idr, 0, 0);
	assert_true(c.vmid16);
	assert_int_equal(smmuv3_caps_check_stages(&c, 0x100, false, true, why, sizeof(why)), 0);
	assert_int_equal(smmuv3_caps_check(&c, 0x100, why, sizeof(why)), -EOPNOTSUPP);
}

static void test_vmid(void **state)
{
	static struct smmuv3_tags v;
	smmuv3_tag_init(&v, false);
	assert_int_equal(smmuv3_tag_free_count(&v), 255);
	uint16_t a, b;
	assert_int_equal(smmuv3_tag_alloc(&v, &a), 0);
	assert_int_equal(a, 1);
	assert_int_equal(smmuv3_tag_alloc(&v, &b), 0);
	assert_int_equal(b, 2);
	assert_int_equal(smmuv3_tag_free(&v, 0), -EINVAL);
	assert_int_equal(smmuv3_tag_free(&v, a), 0);
	assert_int_equal(smmuv3_tag_free(&v, a), -EINVAL);
	assert_int_equal(smmuv3_tag_alloc(&v, &a), 0);
	assert_int_equal(a, 1);
	for (unsigned i = 0; i < 253; i++)
		assert_int_equal(smmuv3_tag_alloc(&v, &a), 0);
	assert_int_equal(smmuv3_tag_alloc(&v, &a), -ENOSPC);
	smmuv3_tag_init(&v, true);
	assert_int_equal(smmuv3_tag_free_count(&v), 65535);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ste_s2),      cmocka_unit_test(test_ste_nested),
		cmocka_unit_test(test_cmds),        cmocka_unit_test(test_s2_fault_event),
		cmocka_unit_test(test_caps_stages), cmocka_unit_test(test_vmid),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
