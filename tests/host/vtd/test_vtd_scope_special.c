/* SPDX-License-Identifier: MIT */
/*
 * IOAPIC and HPET device scopes (drivers/iommu/vtd/vtd_scope_special.c):
 * the unit and source-id for an I/O APIC id and an HPET number, a path
 * through a bridge, a wrong id, and QEMU's table (IOAPIC 0 at ff:00.0, no
 * HPET scope).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/acpi/acpi_dmar.h"
#include "drivers/iommu/vtd/vtd_scope_special.h"
#include "kernel/errno.h"
#include "tests/host/acpi/support_acpi.h"

#define RID(b, d, f) ((uint16_t)((b) << 8 | (d) << 3 | (f)))

static struct acpi_dmar d;
static struct findings f;
static struct tb b;

/* 00:1e.0 is a bridge to bus 0x40. */
static int fake_secondary(void *ctx, uint16_t segment, uint8_t bus, uint8_t devfn)
{
	return segment == 0 && bus == 0 && devfn == (0x1e << 3) ? 0x40 : -1;
}

static int fake_upstream(void *ctx, uint16_t segment, uint8_t bus)
{
	return -1;
}

static const struct vtd_scope_pci pci = {fake_secondary, fake_upstream, NULL};

static void drhd(uint8_t flags, uint64_t base, uint16_t scope_bytes)
{
	tb_u16(&b, 0);
	tb_u16(&b, (uint16_t)(16 + scope_bytes));
	tb_u8(&b, flags);
	tb_u8(&b, 0);
	tb_u16(&b, 0);
	tb_u64(&b, base);
}

static void scope(uint8_t type, uint8_t id, uint8_t bus, unsigned n, const uint8_t *path)
{
	tb_u8(&b, type);
	tb_u8(&b, (uint8_t)(6 + 2 * n));
	tb_u16(&b, 0);
	tb_u8(&b, id);
	tb_u8(&b, bus);
	for (unsigned i = 0; i < 2 * n; i++)
		tb_u8(&b, path[i]);
}

static void parse(unsigned units)
{
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_dmar_parse(b.buf, b.len, &d, &f), 0);
	assert_int_equal(d.drhd_count, units);
}

static void header(void)
{
	tb_init(&b, "DMAR", 1);
	tb_u8(&b, 0x26);
	tb_u8(&b, ACPI_DMAR_INTR_REMAP);
	tb_zero(&b, 10);
}

/* As QEMU's q35 builds it: one unit, IOAPIC id 0 at ff:00.0, an endpoint, no HPET scope. */
static void test_qemu_like(void **state)
{
	header();
	drhd(0, 0xfed90000, 8 + 8);
	scope(ACPI_DMAR_SCOPE_IOAPIC, 0, 0xff, 1, (const uint8_t[]){0, 0});
	scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 1, (const uint8_t[]){1, 0});
	parse(1);
	struct vtd_special s;
	assert_int_equal(vtd_scope_special(&d, ACPI_DMAR_SCOPE_IOAPIC, 0, NULL, &s), 0);
	assert_int_equal(s.drhd, 0);
	assert_int_equal(s.sid, RID(0xff, 0, 0));
	assert_int_equal(vtd_scope_special(&d, ACPI_DMAR_SCOPE_HPET, 0, NULL, &s), -ENOENT);
	assert_int_equal(vtd_scope_special_other(&d, ACPI_DMAR_SCOPE_HPET, 0), -ENOENT);
}

/* Two units: IOAPIC 2 and HPET 0 in the second (the catch-all), IOAPIC 8 behind a bridge in the first. */
static void test_two_units_and_path(void **state)
{
	header();
	drhd(0, 0xfed90000, 10);
	scope(ACPI_DMAR_SCOPE_IOAPIC, 8, 0, 2, (const uint8_t[]){0x1e, 0, 0x02, 0});
	drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0xfed91000, 8 + 8);
	scope(ACPI_DMAR_SCOPE_IOAPIC, 2, 0xf0, 1, (const uint8_t[]){0x1f, 0});
	scope(ACPI_DMAR_SCOPE_HPET, 0, 0x00, 1, (const uint8_t[]){0x1f, 7});
	parse(2);
	struct vtd_special s;
	assert_int_equal(vtd_scope_special(&d, ACPI_DMAR_SCOPE_IOAPIC, 2, &pci, &s), 0);
	assert_int_equal(s.drhd, 1);
	assert_int_equal(s.sid, RID(0xf0, 0x1f, 0));
	assert_int_equal(vtd_scope_special(&d, ACPI_DMAR_SCOPE_HPET, 0, &pci, &s), 0);
	assert_int_equal(s.drhd, 1);
	assert_int_equal(s.sid, RID(0, 0x1f, 7));
	/* Through the bridge 00:1e.0 to bus 0x40: device 02.0 there. */
	assert_int_equal(vtd_scope_special(&d, ACPI_DMAR_SCOPE_IOAPIC, 8, &pci, &s), 0);
	assert_int_equal(s.drhd, 0);
	assert_int_equal(s.sid, RID(0x40, 2, 0));
	/* Without the bridge lookup the two-step path cannot resolve. */
	assert_int_equal(vtd_scope_special(&d, ACPI_DMAR_SCOPE_IOAPIC, 8, NULL, &s), -EINVAL);
	assert_int_equal(s.drhd, 0);
}

/* A table whose IOAPIC scope names id 5 while the MADT's I/O APIC has id 0. */
static void test_wrong_id(void **state)
{
	header();
	drhd(0, 0xfed90000, 8);
	scope(ACPI_DMAR_SCOPE_IOAPIC, 5, 0xff, 1, (const uint8_t[]){0, 0});
	parse(1);
	struct vtd_special s;
	assert_int_equal(vtd_scope_special(&d, ACPI_DMAR_SCOPE_IOAPIC, 0, NULL, &s), -ENOENT);
	int k = vtd_scope_special_other(&d, ACPI_DMAR_SCOPE_IOAPIC, 0);
	assert_true(k >= 0);
	assert_int_equal(d.scope[k].enumeration_id, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_like),
		cmocka_unit_test(test_two_units_and_path),
		cmocka_unit_test(test_wrong_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
