/* SPDX-License-Identifier: MIT */
/*
 * IVRS (AMD IOMMU spec §5.2): decode, every malformed block and entry a
 * finding with its check id, the cross checks against a MADT and an HPET,
 * the remapping verdict, and the corpus's real IVRS tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_cross.h"
#include "drivers/acpi/acpi_cross_ivrs.h"
#include "drivers/acpi/acpi_ivrs.h"
#include "drivers/acpi/acpi_platform.h"
#include "support_acpi.h"

static struct findings f;
static struct tb b, ma;
static struct acpi_platform p;

/* The IVRS header, IVinfo, 8 reserved bytes. */
static void ivrs_begin(uint8_t rev, uint32_t ivinfo)
{
	tb_init(&b, "IVRS", rev);
	tb_u32(&b, ivinfo);
	tb_zero(&b, 8);
}

/* An IVHD 11h at 0xfeb80000 for IOMMU 00:00.2 with efr; returns its offset. */
static uint32_t ivhd11(uint64_t efr)
{
	uint32_t off = b.len;
	tb_u8(&b, 0x11);
	tb_u8(&b, 0xb0);
	tb_u16(&b, 40); /* set by ivhd_end */
	tb_u16(&b, 0x0002);
	tb_u16(&b, 0x40);
	tb_u64(&b, 0xfeb80000);
	tb_u16(&b, 0);
	tb_u16(&b, 0);
	tb_u32(&b, 0);
	tb_u64(&b, efr);
	tb_u64(&b, 0);
	return off;
}

static void ivhd_end(uint32_t off)
{
	tb_set16(&b, off + 2, (uint16_t)(b.len - off));
}

static void entry4(uint8_t type, uint16_t dev)
{
	tb_u8(&b, type);
	tb_u16(&b, dev);
	tb_u8(&b, 0);
}

static void special(uint8_t handle, uint16_t bdf, uint8_t variety)
{
	tb_u8(&b, 0x48);
	tb_u16(&b, 0);
	tb_u8(&b, 0xd7);
	tb_u8(&b, handle);
	tb_u16(&b, bdf);
	tb_u8(&b, variety);
}

static void ivmd(uint8_t type, uint8_t flags, uint16_t dev, uint16_t aux, uint64_t start,
		 uint64_t len)
{
	tb_u8(&b, type);
	tb_u8(&b, flags);
	tb_u16(&b, 32);
	tb_u16(&b, dev);
	tb_u16(&b, aux);
	tb_zero(&b, 8);
	tb_u64(&b, start);
	tb_u64(&b, len);
}

static int parse(void)
{
	tb_finish(&b);
	findings_init(&f);
	return acpi_ivrs_parse(b.buf, b.len, &p.ivrs, &f);
}

/* The number of findings with check id. */
static unsigned count_id(const char *id)
{
	unsigned n = 0;
	for (unsigned i = 0; i < f.count; i++)
		n += finding_id(&f.item[i]) && !strcmp(finding_id(&f.item[i]), id);
	return n;
}

static void test_decode(void **state)
{
	(void)state;
	ivrs_begin(2, 0x00203041);
	uint32_t h = ivhd11(ACPI_IVRS_EFR_XTSUP | ACPI_IVRS_EFR_GASUP);
	entry4(0x02, 0x0008);
	entry4(0x03, 0x0010);
	entry4(0x04, 0x00ff);
	special(0x21, 0x00a0, ACPI_IVRS_SPECIAL_IOAPIC);
	special(0x22, 0x0001, ACPI_IVRS_SPECIAL_IOAPIC);
	special(0x00, 0x00a0, ACPI_IVRS_SPECIAL_HPET);
	/* F0h: HID "AMDI0020", no CID, UID string of 3 bytes. */
	tb_u8(&b, 0xf0);
	tb_u16(&b, 0x00a5);
	tb_u8(&b, 0x40);
	tb_str(&b, "AMDI002"); /* 8 bytes with its NUL */
	tb_zero(&b, 8);
	tb_u8(&b, 2);
	tb_u8(&b, 3);
	tb_str(&b, "ID");
	ivhd_end(h);
	ivmd(0x21, ACPI_IVRS_IVMD_UNITY | ACPI_IVRS_IVMD_READ, 0x0010, 0, 0x9d000000, 0x1000);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(p.ivrs.ivinfo, 0x00203041);
	assert_int_equal(p.ivrs.ivhd_count, 1);
	assert_int_equal(p.ivrs.iommu_count, 1);
	assert_int_equal(p.ivrs.target_type, 0x11);
	assert_int_equal(p.ivrs.ivhd[0].entry_count, 7);
	assert_int_equal(p.ivrs.ivhd[0].base, 0xfeb80000);
	assert_int_equal(p.ivrs.ivhd[0].device_id, 2);
	assert_int_equal(p.ivrs.hid_count, 1);
	assert_int_equal(p.ivrs.special_count, 3);
	assert_int_equal(p.ivrs.special[1].handle, 0x22);
	assert_int_equal(p.ivrs.special[1].bdf, 0x0001);
	assert_int_equal(p.ivrs.special[2].variety, ACPI_IVRS_SPECIAL_HPET);
	assert_int_equal(p.ivrs.ivmd_count, 1);
	assert_int_equal(p.ivrs.ivmd[0].start, 0x9d000000);
	assert_int_equal(p.ivrs.ivmd[0].device_end, 0x0010);
	assert_true(acpi_ivrs_x2apic_mode(&p.ivrs));
	assert_non_null(acpi_ivrs_special_find(&p.ivrs, ACPI_IVRS_SPECIAL_IOAPIC, 0x21));
	assert_null(acpi_ivrs_special_find(&p.ivrs, ACPI_IVRS_SPECIAL_HPET, 0x21));
}

/* A 10h and an 11h for the same IOMMU: Linux uses the 11h, as does the decode. */
static void test_target_type(void **state)
{
	(void)state;
	ivrs_begin(2, 0);
	uint32_t h = b.len;
	tb_u8(&b, 0x10);
	tb_u8(&b, 0);
	tb_u16(&b, 24);
	tb_u16(&b, 2);
	tb_u16(&b, 0x40);
	tb_u64(&b, 0xfeb80000);
	tb_u32(&b, 0);
	tb_u32(&b, ACPI_IVRS_FEAT_XTSUP | ACPI_IVRS_FEAT_GASUP);
	special(5, 0x00a0, ACPI_IVRS_SPECIAL_IOAPIC);
	ivhd_end(h);
	h = ivhd11(ACPI_IVRS_EFR_GASUP);
	special(6, 0x00a0, ACPI_IVRS_SPECIAL_IOAPIC);
	ivhd_end(h);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(p.ivrs.ivhd_count, 2);
	assert_int_equal(p.ivrs.target_type, 0x11);
	assert_int_equal(p.ivrs.iommu_count, 1);
	assert_true(p.ivrs.ivhd[0].xtsup);
	assert_null(acpi_ivrs_special_find(&p.ivrs, ACPI_IVRS_SPECIAL_IOAPIC, 5));
	assert_non_null(acpi_ivrs_special_find(&p.ivrs, ACPI_IVRS_SPECIAL_IOAPIC, 6));
	assert_false(acpi_ivrs_x2apic_mode(&p.ivrs)); /* the 11h lacks XTSup */
}

static void test_malformed_entries(void **state)
{
	(void)state;
	ivrs_begin(1, 0);
	uint32_t h = ivhd11(0);
	entry4(0x04, 0x0010); /* end without start */
	entry4(0x03, 0x0020);
	entry4(0x04, 0x0010);  /* reversed */
	entry4(0x03, 0x0030);  /* unterminated (at the end) */
	entry4(0x05, 0x0000);  /* reserved 4-byte type */
	special(1, 0x00a0, 3); /* variety 3 */
	special(1, 0x00a0, 1);
	special(1, 0x00a1, 1); /* duplicate, another BDF */
	entry4(0x80, 0x0000);  /* length unknown: walk stops */
	entry4(0x02, 0x0000);
	ivhd_end(h);
	ivmd(0x22, ACPI_IVRS_IVMD_EXCL, 0x0020, 0x0010, 0x1000, 0x800);
	ivmd(0x20, 0, 0, 0, 0x1000, 0x1000);
	assert_int_equal(parse(), 0);
	assert_int_equal(count_id("ivrs.range-end-without-start"), 1);
	assert_int_equal(count_id("ivrs.range-reversed"), 1);
	assert_int_equal(count_id("ivrs.range-unterminated"), 1);
	assert_int_equal(count_id("ivrs.entry-type-reserved"), 1);
	assert_int_equal(count_id("ivrs.special-variety-unknown"), 1);
	assert_int_equal(count_id("ivrs.special-duplicate"), 1);
	assert_int_equal(count_id("ivrs.entry-length-unknown"), 1);
	assert_int_equal(count_id("ivrs.ivmd-range-reversed"), 1);
	assert_int_equal(count_id("ivrs.ivmd-unaligned"), 1);
	assert_int_equal(count_id("ivrs.ivmd-no-action"), 1);
	assert_int_equal(f.count, 10);
	assert_int_equal(p.ivrs.special_count, 2);
	assert_int_equal(p.ivrs.ivhd[0].entry_count, 8);
	const struct finding *d = find_at(&f, FINDING_WARNING, h + 40 + 7 * 4 + 8);
	assert_non_null(d);
	assert_string_equal(finding_id(d), "ivrs.special-duplicate");
}

static void test_malformed_blocks(void **state)
{
	(void)state;
	ivrs_begin(1, 0);
	uint32_t h = ivhd11(0);
	tb_set32(&b, h + 8, 0); /* base 0 */
	ivhd_end(h);
	h = ivhd11(0);
	tb_set32(&b, h + 8, 0xfeb81000); /* not 16 KiB aligned */
	tb_set8(&b, h, 0x40);            /* a 40h in a revision 1 table */
	special(1, 0x00a0, 1);
	tb_u8(&b, 0xf0); /* F0h cut short by the IVHD's end */
	tb_u16(&b, 0);
	tb_u8(&b, 0);
	ivhd_end(h);
	tb_u8(&b, 0x10); /* an IVHD 10h of 20 bytes */
	tb_u8(&b, 0);
	tb_u16(&b, 20);
	tb_zero(&b, 16);
	tb_zero(&b, 3); /* stray bytes */
	assert_int_equal(parse(), 0);
	assert_int_equal(count_id("ivrs.ivhd-base-zero"), 1);
	assert_int_equal(count_id("ivrs.ivhd-base-unaligned"), 1);
	assert_int_equal(count_id("ivrs.revision-type"), 1);
	assert_int_equal(count_id("ivrs.entry-overrun"), 1);
	assert_int_equal(count_id("ivrs.ivhd-length-short"), 1);
	assert_int_equal(count_id("ivrs.trailing-bytes"), 1);
	assert_int_equal(f.count, 6);
	assert_true(p.ivrs.truncated);
	assert_int_equal(p.ivrs.ivhd_count, 2);
	assert_int_equal(p.ivrs.target_type, 0x40);
	assert_int_equal(p.ivrs.iommu_count, 1);

	ivrs_begin(2, 0); /* no IVHD at all */
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("ivrs.no-ivhd"), 1);
}

static void madt(const uint8_t *ids, unsigned n, unsigned x2apic_cpus)
{
	tb_init(&ma, "APIC", 5);
	tb_u32(&ma, 0xfee00000);
	tb_u32(&ma, 1);
	for (unsigned i = 0; i < n; i++) {
		tb_u8(&ma, 1);
		tb_u8(&ma, 12);
		tb_u8(&ma, ids[i]);
		tb_u8(&ma, 0);
		tb_u32(&ma, 0xfec00000 + 0x1000 * i);
		tb_u32(&ma, 24 * i);
	}
	for (unsigned i = 0; i < x2apic_cpus; i++) {
		tb_u8(&ma, 9);
		tb_u8(&ma, 16);
		tb_u16(&ma, 0);
		tb_u32(&ma, 256 + i);
		tb_u32(&ma, 1);
		tb_u32(&ma, i);
	}
	tb_finish(&ma);
}

/* The IVRS of test_decode (IOAPICs 0x21 at 00:14.0 and 0x22, HPET 0) against MADTs. */
static void cross(const uint8_t *ids, unsigned n, unsigned x2apic_cpus, uint8_t hpet)
{
	test_decode(0);
	p.has_ivrs = true;
	madt(ids, n, x2apic_cpus);
	p.has_madt = acpi_madt_parse(ma.buf, ma.len, &p.madt, 0) == 0;
	p.has_hpet = true;
	p.hpet.number = hpet;
	p.tables_complete = true;
	findings_init(&f);
	acpi_cross_check(&p, &f);
}

static void test_cross(void **state)
{
	(void)state;
	struct acpi_ivrs_ioapic_cover c;
	static const uint8_t both[] = {0x21, 0x22};
	cross(both, 2, 0, 0);
	assert_int_equal(f.count, 0);
	acpi_cross_ivrs_cover(&p, &c);
	assert_int_equal(c.missing, 0);
	assert_true(c.southbridge);

	/* Acer Aspire A315-41 style: the MADT's IDs 4 and 5 are not the IVRS's. */
	static const uint8_t other[] = {4, 0x22};
	cross(other, 2, 0, 1);
	assert_int_equal(count_id("ivrs.ioapic-not-in-ivrs"), 1);
	assert_int_equal(count_id("ivrs.no-southbridge-ioapic"), 1);
	assert_int_equal(count_id("ivrs.ioapic-handle-unknown"), 1);
	assert_int_equal(count_id("ivrs.hpet-not-in-ivrs"), 1);
	assert_int_equal(f.count, 4);
	acpi_cross_ivrs_cover(&p, &c);
	assert_int_equal(c.missing, 1);
	assert_int_equal(c.first_missing, 4);
	assert_false(c.southbridge);

	/* CPUs above 254 with XTSup and GASup: nothing; without: a warning. */
	cross(both, 2, 3, 0);
	assert_int_equal(f.count, 0);
	p.ivrs.ivhd[0].xtsup = false;
	findings_init(&f);
	acpi_cross_check(&p, &f);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("ivrs.x2apic-no-xtsup"), 1);
}

/* Every corpus IVRS parses; the Gigabyte A320M-S2H names IOAPIC 0 twice. */
static void test_corpus(void **state)
{
	(void)state;
	uint32_t len;
	uint8_t *data =
		read_file(CORPUS_DIR "/IVRS/Gigabyte_Technology-A320M-S2H-7CFE191333A8.dat", &len);
	assert_non_null(data);
	findings_init(&f);
	assert_int_equal(acpi_ivrs_parse(data, len, &p.ivrs, &f), 0);
	free(data);
	assert_int_equal(p.ivrs.ivhd_count, 2);
	assert_int_equal(p.ivrs.target_type, 0x11);
	assert_int_equal(p.ivrs.iommu_count, 1);
	assert_int_equal(p.ivrs.ivhd[1].base, 0xfeb80000);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("ivrs.special-duplicate"), 1);
	const struct acpi_ivrs_special *s =
		acpi_ivrs_special_find(&p.ivrs, ACPI_IVRS_SPECIAL_IOAPIC, 0);
	assert_non_null(s);
	assert_int_equal(s->bdf, ACPI_IVRS_SB_IOAPIC_BDF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_target_type),
		cmocka_unit_test(test_malformed_entries),
		cmocka_unit_test(test_malformed_blocks),
		cmocka_unit_test(test_cross),
		cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
