/* SPDX-License-Identifier: MIT */
/* MADT parser: every stored type, wrong lengths, hostile walks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "drivers/acpi/acpi_madt.h"
#include "support_acpi.h"

static struct acpi_madt m;
static struct findings f;
static struct tb b;

static void madt_header(void)
{
	tb_init(&b, "APIC", 5);
	tb_u32(&b, 0xfee00000);
	tb_u32(&b, ACPI_MADT_PCAT_COMPAT);
}

static int parse(void)
{
	findings_init(&f);
	tb_finish(&b);
	return acpi_madt_parse(b.buf, b.len, &m, &f);
}

static void test_madt_x86(void **state)
{
	madt_header();
	tb_u8(&b, 0);
	tb_u8(&b, 8);
	tb_u8(&b, 0);
	tb_u8(&b, 0);
	tb_u32(&b, 1); /* LAPIC 0 */
	tb_u8(&b, 0);
	tb_u8(&b, 8);
	tb_u8(&b, 1);
	tb_u8(&b, 1);
	tb_u32(&b, 1); /* LAPIC 1 */
	tb_u8(&b, 1);
	tb_u8(&b, 12);
	tb_u8(&b, 2);
	tb_u8(&b, 0); /* IOAPIC */
	tb_u32(&b, 0xfec00000);
	tb_u32(&b, 0);
	tb_u8(&b, 2);
	tb_u8(&b, 10);
	tb_u8(&b, 0);
	tb_u8(&b, 0);
	tb_u32(&b, 2); /* ISO 0->2 */
	tb_u16(&b, 0);
	tb_u8(&b, 4);
	tb_u8(&b, 6);
	tb_u8(&b, 0xff);
	tb_u16(&b, 0);
	tb_u8(&b, 1); /* LAPIC NMI */
	tb_u8(&b, 9);
	tb_u8(&b, 16);
	tb_u16(&b, 0);
	tb_u32(&b, 0x100); /* x2APIC */
	tb_u32(&b, 1);
	tb_u32(&b, 7);
	tb_u8(&b, 10);
	tb_u8(&b, 12);
	tb_u16(&b, 0);
	tb_u32(&b, 0xffffffff); /* x2APIC NMI */
	tb_u8(&b, 1);
	tb_zero(&b, 3);
	tb_u8(&b, 5);
	tb_u8(&b, 12);
	tb_u16(&b, 0);
	tb_u64(&b, 0xfee00000); /* override */
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(m.lapic_address, 0xfee00000);
	assert_int_equal(m.lapic_count, 2);
	assert_int_equal(m.lapic[1].apic_id, 1);
	assert_int_equal(m.ioapic_count, 1);
	assert_int_equal(m.ioapic[0].id, 2);
	assert_int_equal(m.ioapic[0].address, 0xfec00000);
	assert_int_equal(m.iso_count, 1);
	assert_int_equal(m.iso[0].gsi, 2);
	assert_int_equal(m.nmi_count, 2);
	assert_int_equal(m.nmi[1].uid, 0xffffffff);
	assert_int_equal(m.x2apic_count, 1);
	assert_int_equal(m.x2apic[0].apic_id, 0x100);
	assert_int_equal(m.x2apic[0].uid, 7);
	assert_int_equal(m.lapic_override, 0xfee00000);
	assert_int_equal(m.entry_count, 8);
}

static void test_madt_gic(void **state)
{
	madt_header();
	uint32_t gicc = b.len;
	tb_u8(&b, 11);
	tb_u8(&b, 80);
	tb_u16(&b, 0);
	tb_u32(&b, 0);
	tb_u32(&b, 0);
	tb_u32(&b, 1);
	tb_u32(&b, 0);
	tb_u32(&b, 23);
	tb_u64(&b, 0);
	tb_u64(&b, 0);
	tb_u64(&b, 0);
	tb_u64(&b, 0);
	tb_u32(&b, 25);
	tb_u64(&b, 0x080a0000);
	tb_u64(&b, 0x80000001);
	tb_zero(&b, 4);
	assert_int_equal(b.len - gicc, 80);
	tb_u8(&b, 12);
	tb_u8(&b, 24);
	tb_u16(&b, 0);
	tb_u32(&b, 0);
	tb_u64(&b, 0x08000000);
	tb_u32(&b, 0);
	tb_u8(&b, 3);
	tb_zero(&b, 3);
	tb_u8(&b, 14);
	tb_u8(&b, 16);
	tb_u16(&b, 0);
	tb_u64(&b, 0x080a0000);
	tb_u32(&b, 0xf60000);
	tb_u8(&b, 15);
	tb_u8(&b, 20);
	tb_u16(&b, 0);
	tb_u32(&b, 0);
	tb_u64(&b, 0x08080000);
	tb_u32(&b, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(m.gicc_count, 1);
	assert_int_equal(m.gicc[0].mpidr, 0x80000001);
	assert_int_equal(m.gicc[0].gicr_base, 0x080a0000);
	assert_int_equal(m.gicc[0].perf_gsiv, 23);
	assert_int_equal(m.gicc[0].vgic_maint_gsiv, 25);
	assert_int_equal(m.gicd_count, 1);
	assert_int_equal(m.gicd[0].base, 0x08000000);
	assert_int_equal(m.gicd[0].version, 3);
	assert_int_equal(m.gicr_count, 1);
	assert_int_equal(m.gicr[0].length, 0xf60000);
	assert_int_equal(m.its_count, 1);
	assert_int_equal(m.its[0].base, 0x08080000);
}

static void test_madt_wrong_lengths(void **state)
{
	madt_header();
	tb_u8(&b, 0);
	tb_u8(&b, 6);
	tb_zero(&b, 4); /* LAPIC of 6: too short, skipped */
	tb_u8(&b, 1);
	tb_u8(&b, 14);
	tb_u8(&b, 1);
	tb_u8(&b, 0); /* IOAPIC of 14: too long */
	tb_u32(&b, 0xfec00000);
	tb_u32(&b, 0);
	tb_u16(&b, 0);
	tb_u8(&b, 0x7f);
	tb_u8(&b, 12);
	tb_zero(&b, 10); /* reserved type */
	tb_u8(&b, 0xff);
	tb_u8(&b, 12);
	tb_zero(&b, 10); /* OEM type */
	assert_int_equal(parse(), 0);
	assert_non_null(find_at(&f, FINDING_ERROR, 45));
	assert_non_null(find_at(&f, FINDING_WARNING, 51));
	assert_non_null(find_at(&f, FINDING_INFO, 64));
	assert_non_null(find_at(&f, FINDING_INFO, 76));
	assert_int_equal(f.count, 4);
	assert_int_equal(m.lapic_count, 0);
	assert_int_equal(m.ioapic_count, 1);
	assert_int_equal(m.unknown_count, 2);
	assert_int_equal(m.entry_count, 4);
}

static void test_madt_zero_and_overrun(void **state)
{
	madt_header();
	tb_u8(&b, 0);
	tb_u8(&b, 8);
	tb_u8(&b, 0);
	tb_u8(&b, 0);
	tb_u32(&b, 1);
	tb_u8(&b, 0);
	tb_u8(&b, 0);
	tb_zero(&b, 6); /* length 0 */
	assert_int_equal(parse(), 0);
	assert_true(m.truncated);
	assert_int_equal(m.lapic_count, 1);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 53));

	tb_set8(&b, 53, 200); /* overruns */
	assert_int_equal(parse(), 0);
	assert_true(m.truncated);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 53));

	tb_set8(&b, 53, 8);
	tb_u8(&b, 0); /* one stray byte */
	assert_int_equal(parse(), 0);
	assert_true(m.truncated);
	assert_int_equal(m.lapic_count, 2);
	assert_non_null(find_at(&f, FINDING_ERROR, 60));
}

static void test_madt_overflow(void **state)
{
	madt_header();
	for (int i = 0; i < ACPI_MADT_MAX_CPUS + 3; i++) {
		tb_u8(&b, 0);
		tb_u8(&b, 8);
		tb_u8(&b, (uint8_t)i);
		tb_u8(&b, (uint8_t)i);
		tb_u32(&b, 1);
	}
	assert_int_equal(parse(), 0);
	assert_true(m.overflow);
	assert_int_equal(m.lapic_count, ACPI_MADT_MAX_CPUS);
	assert_int_equal(m.entry_count, ACPI_MADT_MAX_CPUS + 3);
	assert_int_equal(f.count, 1);
}

static void test_madt_hostile_headers(void **state)
{
	findings_init(&f);
	madt_header();
	tb_finish(&b);
	assert_int_equal(acpi_madt_parse(b.buf, 43, &m, &f), -EBADMSG);
	findings_init(&f);
	assert_int_equal(acpi_madt_parse(b.buf, 44, &m, &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(acpi_madt_parse(b.buf, 10, &m, &f), -EINVAL);
	tb_set32(&b, 40, 0x3);
	tb_checksum(&b);
	assert_int_equal(acpi_madt_parse(b.buf, 44, &m, &f), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, 40));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_madt_x86),
		cmocka_unit_test(test_madt_gic),
		cmocka_unit_test(test_madt_wrong_lengths),
		cmocka_unit_test(test_madt_zero_and_overrun),
		cmocka_unit_test(test_madt_overflow),
		cmocka_unit_test(test_madt_hostile_headers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
