/* SPDX-License-Identifier: MIT */
/* DMAR parser: hand-built tables, one finding each, hostile lengths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "drivers/acpi/acpi_dmar.h"
#include "support_acpi.h"

static struct acpi_dmar d;
static struct findings f;
static struct tb b;

static void dmar_header(uint8_t flags)
{
	tb_init(&b, "DMAR", 1);
	tb_u8(&b, 0x26); /* HAW: 39 bits */
	tb_u8(&b, flags);
	tb_zero(&b, 10);
}

/* DRHD of total length 16 + scope_bytes; returns its offset. */
static uint32_t drhd(uint8_t flags, uint16_t seg, uint64_t base, uint16_t scope_bytes)
{
	uint32_t off = b.len;
	tb_u16(&b, 0);
	tb_u16(&b, (uint16_t)(16 + scope_bytes));
	tb_u8(&b, flags);
	tb_u8(&b, 0);
	tb_u16(&b, seg);
	tb_u64(&b, base);
	return off;
}

static uint32_t scope(uint8_t type, uint8_t len, uint8_t enum_id, uint8_t bus, uint8_t dev,
		      uint8_t fn)
{
	uint32_t off = b.len;
	tb_u8(&b, type);
	tb_u8(&b, len);
	tb_u16(&b, 0);
	tb_u8(&b, enum_id);
	tb_u8(&b, bus);
	tb_u8(&b, dev);
	tb_u8(&b, fn);
	return off;
}

static uint32_t rmrr(uint64_t base, uint64_t limit, bool with_scope)
{
	uint32_t off = b.len;
	tb_u16(&b, 1);
	tb_u16(&b, with_scope ? 32 : 24);
	tb_u16(&b, 0);
	tb_u16(&b, 0);
	tb_u64(&b, base);
	tb_u64(&b, limit);
	if (with_scope)
		scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 8, 0, 0, 0x14, 0);
	return off;
}

static int parse(void)
{
	findings_init(&f);
	tb_finish(&b);
	return acpi_dmar_parse(b.buf, b.len, &d, &f);
}

/* QEMU q35 shape: one DRHD at 0xFED90000 with an IOAPIC scope and an endpoint. */
static void test_dmar_qemu_like(void **state)
{
	dmar_header(ACPI_DMAR_INTR_REMAP);
	drhd(0, 0, 0xfed90000, 16);
	scope(ACPI_DMAR_SCOPE_IOAPIC, 8, 0, 0xff, 0, 0);
	scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 8, 0, 0, 0x1f, 2);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(d.flags, 0x01);
	assert_int_equal(d.host_address_width, 0x26);
	assert_int_equal(d.drhd_count, 1);
	assert_int_equal(d.drhd[0].reg_base, 0xfed90000);
	assert_int_equal(d.drhd[0].offset, 48);
	assert_int_equal(d.drhd[0].scopes.count, 2);
	assert_int_equal(d.scope_count, 2);
	assert_int_equal(d.scope[0].type, ACPI_DMAR_SCOPE_IOAPIC);
	assert_int_equal(d.scope[0].start_bus, 0xff);
	assert_int_equal(d.scope[0].offset, 64);
	assert_int_equal(d.scope[1].path_count, 1);
	assert_int_equal(d.scope[1].path[0].dev, 0x1f);
	assert_int_equal(d.scope[1].path[0].fn, 2);
	assert_true(acpi_dmar_flag(&d, 0));
	assert_false(acpi_dmar_flag(&d, 3));
	assert_false(d.overflow);
	assert_false(d.truncated);
}

static void test_dmar_reserved_flags(void **state)
{
	dmar_header(0x09); /* INTR_REMAP + bit 3 (experimental IMS) */
	drhd(0, 0, 0xfed90000, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_int_equal(nfind(&f, FINDING_WARNING), 1);
	assert_non_null(find_at(&f, FINDING_WARNING, 37));
	assert_true(acpi_dmar_flag(&d, 3));
}

static void test_dmar_reserved_bytes(void **state)
{
	dmar_header(0);
	tb_set8(&b, 40, 1);
	drhd(0, 0, 0xfed90000, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, 38));
}

static void test_dmar_include_all_not_last(void **state)
{
	dmar_header(1);
	uint32_t a = drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed91000, 0);
	drhd(0, 0, 0xfed90000, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_int_equal(nfind(&f, FINDING_ERROR), 1);
	assert_non_null(find_at(&f, FINDING_ERROR, a));
	assert_true(find_text(&f, "must be the last"));
}

static void test_dmar_two_include_all(void **state)
{
	dmar_header(1);
	drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed91000, 0);
	uint32_t second = drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed90000, 0);
	assert_int_equal(parse(), 0);
	/* The second is a duplicate, and the first is not the last of segment 0. */
	assert_int_equal(nfind(&f, FINDING_ERROR), 2);
	assert_int_equal(f.count, 2);
	assert_non_null(find_at(&f, FINDING_ERROR, second));
	assert_non_null(find_at(&f, FINDING_ERROR, 48));
	assert_true(find_text(&f, "at most one per segment"));
}

static void test_dmar_include_all_other_segment_ok(void **state)
{
	dmar_header(1);
	drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed91000, 0);
	drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 1, 0xfed90000, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
}

static void test_dmar_scope_overruns_structure(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 8);
	uint32_t s = scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 10, 0, 0, 2, 0); /* 2 bytes too long */
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, s + 1));
	assert_int_equal(d.scope_count, 0);
	assert_true(find_text(&f, "runs 2 bytes past"));
}

static void test_dmar_scope_short_length(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 8);
	uint32_t s = scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 0, 2, 0); /* length 0 */
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, s + 1));
}

static void test_dmar_scope_odd_path(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 9);
	uint32_t s = scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 9, 0, 0, 2, 0);
	tb_u8(&b, 0); /* a path of 1.5 pairs */
	assert_int_equal(parse(), 0);
	assert_int_equal(nfind(&f, FINDING_ERROR), 1);
	assert_non_null(find_at(&f, FINDING_ERROR, s + 1));
	assert_true(find_text(&f, "whole 2-byte"));
}

static void test_dmar_structure_length_zero(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	tb_u16(&b, 1);
	tb_u16(&b, 0); /* RMRR with length 0: the walk must stop */
	tb_zero(&b, 20);
	assert_int_equal(parse(), 0);
	assert_true(d.truncated);
	assert_int_equal(d.drhd_count, 1);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 66));
}

static void test_dmar_structure_overruns_table(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	tb_set16(&b, 50, 200);
	assert_int_equal(parse(), 0);
	assert_true(d.truncated);
	assert_int_equal(d.drhd_count, 0);
	/* The overrun, then (the walk having stopped) no DRHD is not claimed. */
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 50));
}

static void test_dmar_structure_below_fixed(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	tb_u16(&b, 1);
	tb_u16(&b, 8); /* RMRR needs 24 */
	tb_zero(&b, 4);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 66));
	assert_int_equal(d.rmrr_count, 0);
	assert_int_equal(d.structure_count, 2);
}

static void test_dmar_rmrr_checks(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	uint32_t r1 = rmrr(0x7c000000, 0x7c7fffff, true);
	uint32_t r2 = rmrr(0x1000800, 0x1000fff, true); /* base unaligned, below r1 */
	uint32_t r3 = rmrr(0x3000000, 0x2ffffff, true); /* base above limit */
	uint32_t r4 = rmrr(0x4000000, 0x4000ffe, true); /* limit + 1 unaligned */
	assert_int_equal(parse(), 0);
	assert_int_equal(d.rmrr_count, 4);
	assert_non_null(find_at(&f, FINDING_ERROR, r2 + 8));  /* base alignment */
	assert_non_null(find_at(&f, FINDING_INFO, r2));       /* out of order */
	assert_non_null(find_at(&f, FINDING_ERROR, r3 + 8));  /* base > limit */
	assert_non_null(find_at(&f, FINDING_ERROR, r4 + 16)); /* limit alignment */
	assert_null(find_at(&f, FINDING_ERROR, r1 + 8));
	assert_int_equal(nfind(&f, FINDING_ERROR), 3);
	assert_int_equal(nfind(&f, FINDING_INFO), 1);
	assert_int_equal(nfind(&f, FINDING_WARNING), 0);
}

static void test_dmar_rmrr_without_scope(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	uint32_t r = rmrr(0x7c000000, 0x7c7fffff, false);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, r));
}

static void test_dmar_rmrr_overlap(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	rmrr(0x7c000000, 0x7c7fffff, true);
	uint32_t r = rmrr(0x7c400000, 0x7cffffff, true);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, r));
}

static void test_dmar_order_and_others(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	/* ATSR (ALL_PORTS), RHSA for the DRHD, ANDD, SATC, SIDP, unknown type 9, then an RMRR */
	tb_u16(&b, 2);
	tb_u16(&b, 8);
	tb_u8(&b, 1);
	tb_u8(&b, 0);
	tb_u16(&b, 0);
	tb_u16(&b, 3);
	tb_u16(&b, 20);
	tb_u32(&b, 0);
	tb_u64(&b, 0xfed90000);
	tb_u32(&b, 1);
	uint32_t andd = b.len;
	tb_u16(&b, 4);
	tb_u16(&b, 8 + 14);
	tb_zero(&b, 3);
	tb_u8(&b, 7);
	tb_str(&b, "\\_SB.PCI0.I2C");
	tb_u16(&b, 5);
	tb_u16(&b, 16);
	tb_u8(&b, ACPI_DMAR_SATC_ATC_REQUIRED);
	tb_u8(&b, 0);
	tb_u16(&b, 0);
	scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 8, 0, 0, 2, 0);
	tb_u16(&b, 6);
	tb_u16(&b, 16);
	tb_zero(&b, 2);
	tb_u16(&b, 0);
	scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 8, 0, 0, 2, 0);
	uint32_t unk = b.len;
	tb_u16(&b, 9);
	tb_u16(&b, 12);
	tb_zero(&b, 8);
	uint32_t r = rmrr(0x7c000000, 0x7c7fffff, true);
	assert_int_equal(parse(), 0);
	assert_int_equal(d.atsr_count, 1);
	assert_int_equal(d.atsr[0].flags, ACPI_DMAR_ATSR_ALL_PORTS);
	assert_int_equal(d.rhsa_count, 1);
	assert_int_equal(d.rhsa[0].proximity_domain, 1);
	assert_int_equal(d.andd_count, 1);
	assert_string_equal(d.andd[0].name, "\\_SB.PCI0.I2C");
	assert_int_equal(d.andd[0].device_number, 7);
	assert_int_equal(d.andd[0].offset, andd);
	assert_int_equal(d.satc_count, 1);
	assert_int_equal(d.satc[0].scopes.count, 1);
	assert_int_equal(d.sidp_count, 1);
	assert_int_equal(d.unknown_count, 1);
	assert_int_equal(d.rmrr_count, 1);
	assert_non_null(find_at(&f, FINDING_INFO, unk));
	assert_non_null(find_at(&f, FINDING_WARNING, r)); /* RMRR after SIDP: order */
	assert_int_equal(f.count, 2);
}

static void test_dmar_rhsa_no_drhd(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	uint32_t o = b.len;
	tb_u16(&b, 3);
	tb_u16(&b, 20);
	tb_u32(&b, 0);
	tb_u64(&b, 0xfee00000);
	tb_u32(&b, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, o + 8));
}

static void test_dmar_drhd_bad_base_and_include_all_endpoint(void **state)
{
	dmar_header(1);
	uint32_t u = drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL | 0x80, 0, 0xfed90800, 8);
	uint32_t s = scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 8, 0, 0, 2, 0);
	assert_int_equal(parse(), 0);
	assert_non_null(find_at(&f, FINDING_WARNING, u + 4)); /* reserved DRHD flag */
	assert_non_null(find_at(&f, FINDING_ERROR, u + 8));   /* unaligned base */
	assert_non_null(find_at(&f, FINDING_WARNING, s));     /* endpoint under INCLUDE_ALL */
	assert_int_equal(f.count, 3);
}

static void test_dmar_no_drhd(void **state)
{
	dmar_header(1);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, FINDING_NO_OFFSET));
}

static void test_dmar_hostile_headers(void **state)
{
	findings_init(&f);
	assert_int_equal(acpi_dmar_parse(NULL, 0, &d, &f), -EINVAL);
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	tb_finish(&b);
	assert_int_equal(acpi_dmar_parse(b.buf, 0, &d, &f), -EINVAL);
	assert_int_equal(acpi_dmar_parse(b.buf, 35, &d, &f), -EINVAL);
	assert_int_equal(f.count, 0);
	/* Length field below the header size. */
	tb_set32(&b, 4, 20);
	assert_int_equal(acpi_dmar_parse(b.buf, b.len, &d, &f), -EINVAL);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 4));
	/* Length field shorter than the 48 fixed bytes. */
	findings_init(&f);
	tb_set32(&b, 4, 40);
	assert_int_equal(acpi_dmar_parse(b.buf, b.len, &d, &f), -EBADMSG);
	assert_int_equal(f.count, 1);
	/* Length field past the buffer: an error, then the buffer is parsed. */
	findings_init(&f);
	tb_set32(&b, 4, 100000);
	assert_int_equal(acpi_dmar_parse(b.buf, b.len, &d, &f), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 4));
	assert_int_equal(d.drhd_count, 1);
	/* Wrong signature. */
	findings_init(&f);
	memcpy(b.buf, "DMAX", 4);
	assert_int_equal(acpi_dmar_parse(b.buf, b.len, &d, &f), -EINVAL);
	assert_int_equal(f.count, 0);
}

static void test_dmar_stray_tail(void **state)
{
	dmar_header(1);
	drhd(0, 0, 0xfed90000, 0);
	tb_u16(&b, 0); /* 2 bytes: not a structure header */
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 64));
	assert_true(d.truncated);
}

static void test_dmar_many_scopes_overflow(void **state)
{
	dmar_header(1);
	/* One DRHD of 16 + 8 * 600 bytes is too long for a 16-bit length: use several. */
	for (int u = 0; u < 8; u++) {
		drhd(0, 0, 0xfed90000 + 0x1000 * u, 8 * 70);
		for (int i = 0; i < 70; i++)
			scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 8, 0, 0, (uint8_t)i, 0);
	}
	assert_int_equal(parse(), 0);
	assert_true(d.overflow);
	assert_int_equal(d.scope_count, ACPI_DMAR_MAX_SCOPES);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, FINDING_NO_OFFSET));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dmar_qemu_like),
		cmocka_unit_test(test_dmar_reserved_flags),
		cmocka_unit_test(test_dmar_reserved_bytes),
		cmocka_unit_test(test_dmar_include_all_not_last),
		cmocka_unit_test(test_dmar_two_include_all),
		cmocka_unit_test(test_dmar_include_all_other_segment_ok),
		cmocka_unit_test(test_dmar_scope_overruns_structure),
		cmocka_unit_test(test_dmar_scope_short_length),
		cmocka_unit_test(test_dmar_scope_odd_path),
		cmocka_unit_test(test_dmar_structure_length_zero),
		cmocka_unit_test(test_dmar_structure_overruns_table),
		cmocka_unit_test(test_dmar_structure_below_fixed),
		cmocka_unit_test(test_dmar_rmrr_checks),
		cmocka_unit_test(test_dmar_rmrr_without_scope),
		cmocka_unit_test(test_dmar_rmrr_overlap),
		cmocka_unit_test(test_dmar_order_and_others),
		cmocka_unit_test(test_dmar_rhsa_no_drhd),
		cmocka_unit_test(test_dmar_drhd_bad_base_and_include_all_endpoint),
		cmocka_unit_test(test_dmar_no_drhd),
		cmocka_unit_test(test_dmar_hostile_headers),
		cmocka_unit_test(test_dmar_stray_tail),
		cmocka_unit_test(test_dmar_many_scopes_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
