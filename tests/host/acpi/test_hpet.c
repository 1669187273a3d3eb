/* SPDX-License-Identifier: MIT */
/* The HPET description table (drivers/acpi/acpi_hpet.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "drivers/acpi/acpi_hpet.h"
#include "kernel/errno.h"
#include "support_acpi.h"

static struct findings f;
static struct tb b;

static void hpet_table(uint32_t block_id, uint8_t space, uint64_t base, uint8_t number)
{
	tb_init(&b, "HPET", 1);
	tb_u32(&b, block_id);
	tb_u8(&b, space);
	tb_u8(&b, 64);
	tb_u8(&b, 0);
	tb_u8(&b, 0);
	tb_u64(&b, base);
	tb_u8(&b, number);
	tb_u16(&b, 0x80);
	tb_u8(&b, 0);
	tb_finish(&b);
	findings_init(&f);
}

static void test_hpet_qemu_like(void **state)
{
	struct acpi_hpet h;
	hpet_table(0x8086a201u, 0, 0xfed00000u, 0);
	assert_int_equal(acpi_hpet_parse(b.buf, b.len, &h, &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(h.base, 0xfed00000u);
	assert_int_equal(h.block_id, 0x8086a201u);
	assert_int_equal(h.number, 0);
	assert_int_equal(h.min_tick, 0x80);
}

static void test_hpet_bad_base(void **state)
{
	struct acpi_hpet h;
	hpet_table(0x00000001u, 1, 0xfed00010u, 3);
	assert_int_equal(acpi_hpet_parse(b.buf, b.len, &h, &f), 0);
	assert_int_equal(f.by_severity[FINDING_ERROR], 2);
	assert_int_equal(f.by_severity[FINDING_WARNING], 1);
	assert_int_equal(h.number, 3);
}

static void test_hpet_short(void **state)
{
	struct acpi_hpet h;
	tb_init(&b, "HPET", 1);
	tb_zero(&b, 8);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_hpet_parse(b.buf, b.len, &h, &f), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hpet_qemu_like),
		cmocka_unit_test(test_hpet_bad_base),
		cmocka_unit_test(test_hpet_short),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
