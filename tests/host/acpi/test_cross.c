/* SPDX-License-Identifier: MIT */
/*
 * Cross-table checks (drivers/acpi/acpi_cross.c) and the checks with ids
 * that came with them (DMAR HAW, ANDD, scope IDs; MADT I/O APIC IDs; the
 * HPET table), over tables built byte by byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "drivers/acpi/acpi_cross.h"
#include "drivers/acpi/acpi_platform.h"
#include "support_acpi.h"

static struct acpi_platform p;
static struct findings f;
static struct tb dm, ma, hp;

struct sc {
	uint8_t type, id, bus, dev, fn;
};

/* A DMAR with HAW field haw, flags, one DRHD per scope list (NULL-terminated by n = 0). */
static void build_dmar(uint8_t haw, uint8_t flags, const struct sc *u0, unsigned n0,
		       const struct sc *u1, unsigned n1)
{
	tb_init(&dm, "DMAR", 1);
	tb_u8(&dm, haw);
	tb_u8(&dm, flags);
	tb_zero(&dm, 10);
	const struct sc *units[2] = {u0, u1};
	unsigned counts[2] = {n0, n1};
	for (unsigned u = 0; u < 2; u++) {
		if (!units[u])
			continue;
		tb_u16(&dm, 0);
		tb_u16(&dm, (uint16_t)(16 + 8 * counts[u]));
		tb_u8(&dm, 0);
		tb_u8(&dm, 0);
		tb_u16(&dm, 0);
		tb_u64(&dm, 0xfed90000 + 0x1000 * u);
		for (unsigned i = 0; i < counts[u]; i++) {
			tb_u8(&dm, units[u][i].type);
			tb_u8(&dm, 8);
			tb_u16(&dm, 0);
			tb_u8(&dm, units[u][i].id);
			tb_u8(&dm, units[u][i].bus);
			tb_u8(&dm, units[u][i].dev);
			tb_u8(&dm, units[u][i].fn);
		}
	}
}

static void madt_begin(void)
{
	tb_init(&ma, "APIC", 5);
	tb_u32(&ma, 0xfee00000);
	tb_u32(&ma, ACPI_MADT_PCAT_COMPAT);
}

/* Returns the offset of the I/O APIC structure. */
static uint32_t madt_ioapic(uint8_t id, uint32_t addr, uint32_t gsi)
{
	uint32_t off = ma.len;
	tb_u8(&ma, ACPI_MADT_IOAPIC);
	tb_u8(&ma, 12);
	tb_u8(&ma, id);
	tb_u8(&ma, 0);
	tb_u32(&ma, addr);
	tb_u32(&ma, gsi);
	return off;
}

static void madt_lapic(uint8_t uid, uint8_t id)
{
	tb_u8(&ma, ACPI_MADT_LAPIC);
	tb_u8(&ma, 8);
	tb_u8(&ma, uid);
	tb_u8(&ma, id);
	tb_u32(&ma, ACPI_MADT_CPU_ENABLED);
}

static void madt_x2apic(uint32_t id, uint32_t flags)
{
	tb_u8(&ma, ACPI_MADT_X2APIC);
	tb_u8(&ma, 16);
	tb_u16(&ma, 0);
	tb_u32(&ma, id);
	tb_u32(&ma, flags);
	tb_u32(&ma, id); /* UID */
}

static void build_hpet(uint8_t space, uint64_t base, uint8_t number)
{
	tb_init(&hp, "HPET", 1);
	tb_u32(&hp, 0x8086a201); /* Intel, 3 comparators (bits 12:8 = 2), revision 1 */
	tb_u8(&hp, space);
	tb_u8(&hp, 64);
	tb_u8(&hp, 0);
	tb_u8(&hp, 0);
	tb_u64(&hp, base);
	tb_u8(&hp, number);
	tb_u16(&hp, 0x80);
	tb_u8(&hp, 0);
}

/* Parses what was built (dmar/madt/hpet: whether to), then the cross checks; findings in f. */
static void run(bool dmar, bool madt, bool hpet, bool complete)
{
	acpi_platform_init(&p);
	p.tables_complete = complete;
	findings_init(&f);
	if (dmar) {
		tb_finish(&dm);
		p.has_dmar = acpi_dmar_parse(dm.buf, dm.len, &p.dmar, &f) == 0;
	}
	if (madt) {
		tb_finish(&ma);
		p.has_madt = acpi_madt_parse(ma.buf, ma.len, &p.madt, &f) == 0;
	}
	if (hpet) {
		tb_finish(&hp);
		p.has_hpet = acpi_hpet_parse(hp.buf, hp.len, &p.hpet, &f) == 0;
	}
	acpi_cross_check(&p, &f);
}

static unsigned count_id(const char *id)
{
	unsigned n = 0;
	for (unsigned i = 0; i < f.count; i++)
		n += finding_id(&f.item[i]) && !strcmp(finding_id(&f.item[i]), id);
	return n;
}

static const struct finding *find_id(const char *id)
{
	for (unsigned i = 0; i < f.count; i++)
		if (finding_id(&f.item[i]) && !strcmp(finding_id(&f.item[i]), id))
			return &f.item[i];
	return NULL;
}

static const struct sc ioapic0[] = {{ACPI_DMAR_SCOPE_IOAPIC, 0, 0xf0, 0x1f, 0}};

static void test_cross_ioapic_covered(void **state)
{
	build_dmar(0x26, ACPI_DMAR_INTR_REMAP, ioapic0, 1, NULL, 0);
	madt_begin();
	madt_lapic(0, 0);
	madt_ioapic(0, 0xfec00000, 0);
	run(true, true, false, true);
	assert_int_equal(f.count, 0);
}

static void test_cross_ioapic_not_in_scope(void **state)
{
	build_dmar(0x26, ACPI_DMAR_INTR_REMAP, ioapic0, 1, NULL, 0);
	madt_begin();
	madt_ioapic(0, 0xfec00000, 0);
	uint32_t off = madt_ioapic(2, 0xfec01000, 24);
	run(true, true, false, true);
	assert_int_equal(f.count, 1);
	const struct finding *it = find_id("dmar.ioapic-not-in-scope");
	assert_non_null(it);
	assert_int_equal(it->severity, FINDING_ERROR);
	assert_string_equal(it->source, "APIC");
	assert_int_equal(it->offset, off);
	assert_string_equal(it->text,
			    "I/O APIC ID 2 (at 0xfec01000, GSI 24) is under no DMAR IOAPIC device "
			    "scope while the DMAR sets INTR_REMAP (VT-d §8.3.1, ACPI §5.2.12.3)");
	assert_non_null(strstr(it->check->linux_does, "ioapic N has no mapping iommu"));

	/* Without INTR_REMAP nothing asks for the scope. */
	build_dmar(0x26, 0, ioapic0, 1, NULL, 0);
	run(true, true, false, true);
	assert_int_equal(f.count, 0);
}

static void test_cross_ioapic_scope_unknown(void **state)
{
	static const struct sc s[] = {{ACPI_DMAR_SCOPE_IOAPIC, 0, 0xf0, 0x1f, 0},
				      {ACPI_DMAR_SCOPE_IOAPIC, 5, 0xf0, 0x1f, 1}};
	build_dmar(0x26, ACPI_DMAR_INTR_REMAP, s, 2, NULL, 0);
	madt_begin();
	madt_ioapic(0, 0xfec00000, 0);
	run(true, true, false, true);
	assert_int_equal(f.count, 1);
	const struct finding *it = find_id("dmar.ioapic-scope-unknown");
	assert_non_null(it);
	assert_int_equal(it->severity, FINDING_INFO);
	assert_int_equal(it->offset, 48 + 16 + 8 + 4);
}

/* The scope names the wrong I/O APIC: the finding names that scope (x86-dmar-ioapic-id). */
static void test_cross_ioapic_wrong_id(void **state)
{
	static const struct sc s5[] = {{ACPI_DMAR_SCOPE_IOAPIC, 5, 0xf0, 0x1f, 0}};
	build_dmar(0x26, ACPI_DMAR_INTR_REMAP, s5, 1, NULL, 0);
	madt_begin();
	madt_ioapic(0, 0xfec00000, 0);
	run(true, true, false, true);
	assert_int_equal(f.count, 2);
	const struct finding *it = find_id("dmar.ioapic-not-in-scope");
	assert_non_null(it);
	assert_string_equal(it->text,
			    "I/O APIC ID 0 (at 0xfec00000, GSI 0) is under no DMAR IOAPIC device "
			    "scope while the DMAR sets INTR_REMAP (VT-d §8.3.1, ACPI §5.2.12.3); "
			    "the IOAPIC scope at DMAR offset 0x40 names ID 5 instead");
	assert_non_null(find_id("dmar.ioapic-scope-unknown"));
}

static void test_cross_scope_duplicates(void **state)
{
	/* The same I/O APIC under two units; HPET 0 twice under the first (two comparators). */
	static const struct sc u0[] = {{ACPI_DMAR_SCOPE_IOAPIC, 0, 0xf0, 0x1f, 0},
				       {ACPI_DMAR_SCOPE_HPET, 0, 0xf0, 0x0f, 0},
				       {ACPI_DMAR_SCOPE_HPET, 0, 0xf0, 0x0f, 1},
				       {ACPI_DMAR_SCOPE_HPET, 0, 0xf0, 0x0f, 2}};
	static const struct sc u1[] = {{ACPI_DMAR_SCOPE_IOAPIC, 0, 0xf1, 0x1f, 0}};
	build_dmar(0x26, ACPI_DMAR_INTR_REMAP, u0, 4, u1, 1);
	run(true, false, false, true);
	assert_int_equal(f.count, 2);
	const struct finding *dup = find_id("dmar.ioapic-scope-duplicate");
	assert_non_null(dup);
	assert_int_equal(dup->severity, FINDING_WARNING);
	assert_int_equal(dup->offset, 48 + 16 + 32 + 16);
	assert_string_equal(dup->text, "I/O APIC ID 0 is under the DRHD at 0x30 and again under "
				       "the DRHD at 0x60: one unit per device (VT-d §8.3.1)");
	const struct finding *rep = find_id("dmar.hpet-scope-repeated");
	assert_non_null(rep);
	assert_int_equal(rep->severity, FINDING_INFO);
	assert_int_equal(rep->offset, 48 + 16 + 16);
	assert_string_equal(rep->text, "HPET number 0 has 3 device scopes under the DRHD at 0x30 "
				       "(paths differ); one names the device (VT-d §8.3.1)");
}

static void test_cross_madt_ioapic_duplicate(void **state)
{
	madt_begin();
	madt_ioapic(1, 0xfec00000, 0);
	uint32_t off = madt_ioapic(1, 0xfec01000, 24);
	run(false, true, false, true);
	assert_int_equal(f.count, 1);
	const struct finding *it = find_id("madt.ioapic-id-duplicate");
	assert_non_null(it);
	assert_int_equal(it->severity, FINDING_ERROR);
	assert_int_equal(it->offset, off + 2);
	assert_string_equal(it->text, "I/O APICs at 0xfec00000 (GSI 0) and 0xfec01000 (GSI 24) "
				      "both have I/O APIC ID 1 (ACPI §5.2.12.3)");
}

static void test_cross_hpet_table(void **state)
{
	build_hpet(0, 0xfed00000, 0);
	run(false, false, true, true);
	assert_true(p.has_hpet);
	assert_int_equal(f.count, 0);
	assert_int_equal(p.hpet.base, 0xfed00000);
	assert_int_equal(p.hpet.number, 0);
	assert_int_equal(p.hpet.comparators, 3);
	assert_int_equal(p.hpet.vendor_id, 0x8086);
	assert_int_equal(p.hpet.min_tick, 0x80);

	build_hpet(0, 0, 0);
	run(false, false, true, true);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("hpet.base-zero"), 1);
	assert_int_equal(f.item[0].offset, 44);

	build_hpet(1, 0xfed00000, 0);
	run(false, false, true, true);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("hpet.base-not-memory"), 1);

	build_hpet(0, 0xfed00000, 0);
	tb_finish(&hp);
	findings_init(&f);
	assert_int_equal(acpi_hpet_parse(hp.buf, 52, &p.hpet, &f), -EBADMSG);
}

static void test_cross_hpet_scope(void **state)
{
	static const struct sc with_hpet[] = {{ACPI_DMAR_SCOPE_HPET, 1, 0xf0, 0x0f, 0}};
	build_hpet(0, 0xfed00000, 1);
	build_dmar(0x26, ACPI_DMAR_INTR_REMAP, with_hpet, 1, NULL, 0);
	run(true, false, true, true);
	assert_int_equal(f.count, 0);

	build_hpet(0, 0xfed00000, 0);
	run(true, false, true, true);
	assert_int_equal(f.count, 1);
	const struct finding *it = find_id("dmar.hpet-not-in-scope");
	assert_non_null(it);
	assert_int_equal(it->severity, FINDING_INFO);
	assert_string_equal(it->source, "HPET");
	assert_int_equal(it->offset, 52);
	assert_string_equal(it->text, "HPET number 0 (at 0xfed00000) is under no DMAR HPET device "
				      "scope while the DMAR sets INTR_REMAP (VT-d §8.3.1)");

	build_dmar(0x26, 0, with_hpet, 1, NULL, 0);
	run(true, false, true, true);
	assert_int_equal(f.count, 0);
}

static void madt_big(void)
{
	madt_begin();
	madt_lapic(0, 0);
	madt_ioapic(0, 0xfec00000, 0);
	madt_x2apic(0x100, ACPI_MADT_CPU_ENABLED);
	madt_x2apic(0x180, ACPI_MADT_CPU_ONLINE_CAPABLE);
	madt_x2apic(0x200, 0); /* not usable: not counted */
}

static void test_cross_x2apic_without_ir(void **state)
{
	madt_big();
	build_dmar(0x26, 0, ioapic0, 1, NULL, 0);
	run(true, true, false, false);
	assert_int_equal(f.count, 1);
	const struct finding *it = find_id("x2apic.no-intremap");
	assert_non_null(it);
	assert_int_equal(it->severity, FINDING_WARNING);
	assert_string_equal(
		it->text, "2 CPUs have APIC IDs above 254 (highest 384) but the DMAR does not set "
			  "INTR_REMAP: they need x2APIC, and x2APIC needs interrupt remapping "
			  "(VT-d §8.1)");
	/* No DMAR: only a complete set of tables without an IVRS says there is no remapping. */
	run(false, true, false, false);
	assert_int_equal(f.count, 0);
	run(false, true, false, true);
	assert_int_equal(count_id("x2apic.no-intremap"), 1);
	assert_non_null(strstr(f.item[0].text, "there is no DMAR or IVRS"));
	acpi_platform_init(&p);
	findings_init(&f);
	tb_finish(&ma);
	p.has_madt = acpi_madt_parse(ma.buf, ma.len, &p.madt, &f) == 0;
	p.has_ivrs = true;
	acpi_cross_check(&p, &f);
	assert_int_equal(f.count, 0);
}

static void test_cross_x2apic_opt_out(void **state)
{
	madt_big();
	build_dmar(0x26, ACPI_DMAR_INTR_REMAP | ACPI_DMAR_X2APIC_OPT_OUT, ioapic0, 1, NULL, 0);
	run(true, true, false, true);
	assert_int_equal(f.count, 1);
	const struct finding *it = find_id("x2apic.opt-out-loses-cpus");
	assert_non_null(it);
	assert_int_equal(it->severity, FINDING_WARNING);
	assert_int_equal(it->offset, 37);
	assert_string_equal(it->check->linux_override, "intremap=no_x2apic_optout");

	build_dmar(0x26, ACPI_DMAR_INTR_REMAP, ioapic0, 1, NULL, 0);
	run(true, true, false, true);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("x2apic.needs-eim"), 1);
	assert_int_equal(f.item[0].severity, FINDING_INFO);

	/* The flag without INTR_REMAP: meaningless, with or without big APIC IDs. */
	build_dmar(0x26, ACPI_DMAR_X2APIC_OPT_OUT, ioapic0, 1, NULL, 0);
	madt_begin();
	madt_lapic(0, 0);
	madt_ioapic(0, 0xfec00000, 0);
	run(true, true, false, true);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("dmar.x2apic-opt-out-without-ir"), 1);
	assert_int_equal(f.item[0].severity, FINDING_INFO);
}

static void test_cross_haw_and_rmrr(void **state)
{
	build_dmar(10, 0, ioapic0, 1, NULL, 0); /* 11 bits */
	run(true, false, false, true);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("dmar.haw-invalid"), 1);
	assert_int_equal(f.item[0].severity, FINDING_ERROR);
	assert_int_equal(f.item[0].offset, 36);
	assert_string_equal(f.item[0].text, "host address width 11 bits (field 10): not even one "
					    "4 KiB page is addressable (VT-d §8.1)");

	build_dmar(11, 0, ioapic0, 1, NULL, 0); /* 12 bits: Linux's floor */
	run(true, false, false, true);
	assert_int_equal(f.count, 0);

	build_dmar(64, 0, ioapic0, 1, NULL, 0);
	run(true, false, false, true);
	assert_int_equal(count_id("dmar.haw-above-64"), 1);

	/* An RMRR ending above 2^39 with a 39-bit width. */
	build_dmar(0x26, 0, ioapic0, 1, NULL, 0);
	uint32_t off = dm.len;
	tb_u16(&dm, 1);
	tb_u16(&dm, 32);
	tb_u32(&dm, 0);
	tb_u64(&dm, 0x8000000000ull);
	tb_u64(&dm, 0x8000000fffull);
	tb_u8(&dm, ACPI_DMAR_SCOPE_PCI_ENDPOINT);
	tb_u8(&dm, 8);
	tb_u16(&dm, 0);
	tb_u8(&dm, 0);
	tb_u8(&dm, 0);
	tb_u8(&dm, 0x14);
	tb_u8(&dm, 0);
	run(true, false, false, true);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("dmar.rmrr-beyond-haw"), 1);
	assert_int_equal(f.item[0].offset, off + 16);
}

static void test_cross_andd_names(void **state)
{
	build_dmar(0x26, 0, ioapic0, 1, NULL, 0);
	uint32_t off = dm.len;
	tb_u16(&dm, 4);
	tb_u16(&dm, 12);
	tb_zero(&dm, 3);
	tb_u8(&dm, 1);
	tb_zero(&dm, 4); /* an empty name, then padding */
	run(true, false, false, true);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("dmar.andd-name-empty"), 1);
	assert_int_equal(f.item[0].offset, off + 8);

	build_dmar(0x26, 0, ioapic0, 1, NULL, 0);
	tb_u16(&dm, 4);
	tb_u16(&dm, 12);
	tb_zero(&dm, 3);
	tb_u8(&dm, 1);
	tb_u8(&dm, '\\');
	tb_u8(&dm, 'F');
	tb_u8(&dm, 'O');
	tb_u8(&dm, 'O'); /* no NUL */
	run(true, false, false, true);
	assert_int_equal(f.count, 1);
	assert_int_equal(count_id("dmar.andd-name-unterminated"), 1);
	assert_non_null(strstr(f.item[0].check->linux_does, "not NUL-terminated"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cross_ioapic_covered),
		cmocka_unit_test(test_cross_ioapic_not_in_scope),
		cmocka_unit_test(test_cross_ioapic_scope_unknown),
		cmocka_unit_test(test_cross_ioapic_wrong_id),
		cmocka_unit_test(test_cross_scope_duplicates),
		cmocka_unit_test(test_cross_madt_ioapic_duplicate),
		cmocka_unit_test(test_cross_hpet_table),
		cmocka_unit_test(test_cross_hpet_scope),
		cmocka_unit_test(test_cross_x2apic_without_ir),
		cmocka_unit_test(test_cross_x2apic_opt_out),
		cmocka_unit_test(test_cross_haw_and_rmrr),
		cmocka_unit_test(test_cross_andd_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
