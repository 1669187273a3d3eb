/* SPDX-License-Identifier: MIT */
/* VT-d IRTE encode/decode, remappable messages and invalidation descriptors (pure parts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/vtd/vtd_irte.h"
#include "drivers/iommu/vtd/vtd_qi.h"
#include "kernel/errno.h"

static void test_irte_encode_xapic(void **state)
{
	struct vtd_irte_fields f = {
		.present = true, .vector = 0x31, .dest = 1, .sid = 0x0018, .svt = VTD_SVT_SID};
	struct vtd_irte e = vtd_irte_encode(&f, false);
	/* P, vector 23:16, APIC ID in 47:40 (§9.10 xAPIC mode). */
	assert_int_equal(e.lo, 0x0000010000310001ull);
	/* SID 15:0, SQ 17:16 = 0, SVT 19:18 = 1. */
	assert_int_equal(e.hi, 0x0000000000040018ull);
	struct vtd_irte r = vtd_irte_reserved(e, false);
	assert_int_equal(r.lo, 0);
	assert_int_equal(r.hi, 0);
	struct vtd_irte_fields g;
	vtd_irte_decode(e, false, &g);
	assert_true(g.present);
	assert_int_equal(g.vector, 0x31);
	assert_int_equal(g.dest, 1);
	assert_int_equal(g.sid, 0x18);
	assert_int_equal(g.svt, VTD_SVT_SID);
	assert_int_equal(g.sq, 0);
	assert_int_equal(g.dm | g.tm | g.rh | g.dlm, 0);
}

static void test_irte_encode_x2apic(void **state)
{
	struct vtd_irte_fields f = {.present = true, .vector = 0xef, .dest = 0x12345678};
	struct vtd_irte e = vtd_irte_encode(&f, true);
	assert_int_equal(e.lo >> 32, 0x12345678u);
	assert_int_equal(vtd_irte_reserved(e, true).lo, 0);
	/* The same entry in xAPIC mode sets reserved destination bits. */
	assert_int_not_equal(vtd_irte_reserved(e, false).lo, 0);
	struct vtd_irte_fields g;
	vtd_irte_decode(e, true, &g);
	assert_int_equal(g.dest, 0x12345678u);
}

/*
 * The entry from the vector level's target as data (Linux prepare_irte):
 * §9.10 puts the full x2APIC ID in DST 63:32 with EIME, the 8-bit APIC ID in
 * 47:40 without it. APIC ID 256 in x2APIC mode and APIC ID 1 in xAPIC mode
 * have the same bits: the table's mode decides, never an 8-bit message.
 */
static void test_irte_prepare(void **state)
{
	struct vtd_irte_fields src = {.sid = 0x0018, .svt = VTD_SVT_SID};
	struct vtd_irte e;
	assert_int_equal(vtd_irte_prepare(0x21, 0x12345678, true, &src, &e), 0);
	assert_int_equal(e.lo, 0x1234567800210001ull);
	assert_int_equal(e.hi, 0x0000000000040018ull);
	assert_int_equal(vtd_irte_prepare(0x21, 256, true, &src, &e), 0);
	assert_int_equal(e.lo, 0x0000010000210001ull);
	assert_int_equal(vtd_irte_reserved(e, true).lo, 0);
	assert_int_equal(vtd_irte_prepare(0x21, 1, false, &src, &e), 0);
	assert_int_equal(e.lo, 0x0000010000210001ull);
	assert_int_equal(vtd_irte_prepare(0xef, 255, false, &src, &e), 0);
	assert_int_equal(e.lo, 0x0000ff0000ef0001ull);
	assert_int_equal(vtd_irte_reserved(e, false).lo, 0);
	/* xAPIC mode cannot name APIC ID 256: refused, not truncated to 0. */
	e = (struct vtd_irte){0x55, 0x66};
	assert_int_equal(vtd_irte_prepare(0x21, 256, false, &src, &e), -EINVAL);
	assert_int_equal(e.lo, 0x55);
	assert_int_equal(vtd_irte_prepare(0x0f, 0, true, &src, &e), -EINVAL);
}

static void test_irte_reserved(void **state)
{
	struct vtd_irte e = {.lo = 1ull << 12 | 1, .hi = 1ull << 20};
	struct vtd_irte r = vtd_irte_reserved(e, false);
	assert_int_equal(r.lo, 1ull << 12);
	assert_int_equal(r.hi, 1ull << 20);
	e = (struct vtd_irte){.lo = 0xffull << 24, .hi = 0};
	assert_int_equal(vtd_irte_reserved(e, false).lo, 0xffull << 24);
}

static void test_msi_remappable(void **state)
{
	struct msi_msg m;
	vtd_msi_compose_remappable(5, &m);
	assert_int_equal(m.address_lo, 0xfee00000u | 5 << 5 | 1 << 4 | 1 << 3);
	assert_int_equal(m.address_hi, 0);
	assert_int_equal(m.data, 0);
	uint16_t h;
	bool shv;
	assert_true(vtd_msi_decode(&m, &h, &shv));
	assert_int_equal(h, 5);
	assert_true(shv);
	/* Handle bit 15 goes to address bit 2. */
	vtd_msi_compose_remappable(0x8001, &m);
	assert_int_equal(m.address_lo, 0xfee00000u | 1 << 5 | 1 << 4 | 1 << 3 | 1 << 2);
	assert_true(vtd_msi_decode(&m, &h, &shv));
	assert_int_equal(h, 0x8001);
	/* A compatibility-format message is not remappable. */
	struct msi_msg compat = {.address_lo = 0xfee01000u, .address_hi = 0, .data = 0x31};
	assert_false(vtd_msi_decode(&compat, &h, &shv));
}

static void test_qi_descriptors(void **state)
{
	struct vtd_qi_desc d = vtd_qi_desc_iec_global();
	assert_int_equal(d.lo, 0x4);
	assert_int_equal(d.hi, 0);
	d = vtd_qi_desc_iec_index(0x1234, 0);
	assert_int_equal(d.lo, 0x4 | 1 << 4 | 0x1234ull << 32);
	d = vtd_qi_desc_iec_index(8, 3);
	assert_int_equal(d.lo, 0x4 | 1 << 4 | 3ull << 27 | 8ull << 32);
	d = vtd_qi_desc_wait(0x1000, 7);
	assert_int_equal(d.lo, 0x5 | 1 << 5 | 1 << 6 | 7ull << 32);
	assert_int_equal(d.hi, 0x1000);
}

/* §9.10: exact requester id (SVT 1, SQ 0) or a bus range (SVT 2, SID = first << 8 | last). */
static void test_irte_source(void **state)
{
	struct vtd_irte_fields f = {0};
	struct pci_requester exact = {.rid = 0x0018};
	vtd_irte_source(&exact, &f);
	assert_int_equal(f.svt, VTD_SVT_SID);
	assert_int_equal(f.sq, 0);
	assert_int_equal(f.sid, 0x0018);
	struct pci_requester range = {.bus_range = true, .bus_first = 1, .bus_last = 3, .rid = 7};
	vtd_irte_source(&range, &f);
	assert_int_equal(f.svt, VTD_SVT_BUS);
	assert_int_equal(f.sq, 0);
	assert_int_equal(f.sid, 0x0103);
	struct vtd_irte e = vtd_irte_encode(&f, false);
	assert_int_equal(e.hi, 0x0103 | 2ull << 18);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_irte_encode_xapic), cmocka_unit_test(test_irte_encode_x2apic),
		cmocka_unit_test(test_irte_prepare),      cmocka_unit_test(test_irte_reserved),
		cmocka_unit_test(test_msi_remappable),    cmocka_unit_test(test_qi_descriptors),
		cmocka_unit_test(test_irte_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
