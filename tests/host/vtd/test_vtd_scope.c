/* SPDX-License-Identifier: MIT */
/*
 * Which DRHD covers a PCI function (drivers/iommu/vtd/vtd_scope.c): a
 * synthetic DMAR with an endpoint behind a root port, a sub-hierarchy under
 * a bridge, and INCLUDE_PCI_ALL units for two segments (one placed first),
 * and a real client table with four units (graphics, two Thunderbolt root
 * ports, the catch-all).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/acpi/acpi_dmar.h"
#include "drivers/iommu/vtd/vtd_scope.h"
#include "kernel/errno.h"
#include "tests/host/acpi/support_acpi.h"

#define RID(b, d, f) ((uint16_t)((b) << 8 | (d) << 3 | (f)))

/* Bridges of the fake topology: (segment, rid) -> secondary bus. */
struct fake_bridge {
	uint16_t segment, rid;
	uint8_t secondary;
};
static const struct fake_bridge *bridges;
static unsigned bridge_count;

static int fake_secondary(void *ctx, uint16_t segment, uint8_t bus, uint8_t devfn)
{
	for (unsigned i = 0; i < bridge_count; i++)
		if (bridges[i].segment == segment && bridges[i].rid == (bus << 8 | devfn))
			return bridges[i].secondary;
	return -1;
}

static int fake_upstream(void *ctx, uint16_t segment, uint8_t bus)
{
	for (unsigned i = 0; i < bridge_count; i++)
		if (bridges[i].segment == segment && bridges[i].secondary == bus)
			return bridges[i].rid;
	return -1;
}

static const struct vtd_scope_pci pci = {fake_secondary, fake_upstream, NULL};

static struct acpi_dmar d;
static struct findings f;
static struct tb b;

static void dmar_header(void)
{
	tb_init(&b, "DMAR", 1);
	tb_u8(&b, 0x26);
	tb_u8(&b, ACPI_DMAR_INTR_REMAP);
	tb_zero(&b, 10);
}

static void drhd(uint8_t flags, uint16_t seg, uint64_t base, uint16_t scope_bytes)
{
	tb_u16(&b, 0);
	tb_u16(&b, (uint16_t)(16 + scope_bytes));
	tb_u8(&b, flags);
	tb_u8(&b, 0);
	tb_u16(&b, seg);
	tb_u64(&b, base);
}

/* A scope with a path of n (dev, fn) pairs. */
static void scope(uint8_t type, uint8_t bus, unsigned n, const uint8_t *path)
{
	tb_u8(&b, type);
	tb_u8(&b, (uint8_t)(6 + 2 * n));
	tb_u16(&b, 0);
	tb_u8(&b, 0);
	tb_u8(&b, bus);
	for (unsigned i = 0; i < 2 * n; i++)
		tb_u8(&b, path[i]);
}

/*
 * Segment 0: 00:1c.0 root port -> bus 3; 00:1d.0 -> bus 5; 05:00.0 switch -> bus 6.
 * Unit 0 (INCLUDE_PCI_ALL, segment 0) comes first on purpose; unit 1 names
 * endpoint 03:00.0 by the path (1c.0)(00.0); unit 2 the sub-hierarchy of
 * 00:1d.0; unit 3 names a path through 00:02.0, which is no bridge; unit 4
 * is INCLUDE_PCI_ALL for segment 1.
 */
static const struct fake_bridge synth_bridges[] = {
	{0, RID(0, 0x1c, 0), 3},
	{0, RID(0, 0x1d, 0), 5},
	{0, RID(5, 0, 0), 6},
};

static int setup_synthetic(void **state)
{
	bridges = synth_bridges;
	bridge_count = 3;
	dmar_header();
	drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed90000, 0);
	drhd(0, 0, 0xfed91000, 10);
	scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 2, (const uint8_t[]){0x1c, 0, 0, 0});
	drhd(0, 0, 0xfed92000, 8);
	scope(ACPI_DMAR_SCOPE_PCI_BRIDGE, 0, 1, (const uint8_t[]){0x1d, 0});
	drhd(0, 0, 0xfed93000, 10);
	scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 2, (const uint8_t[]){0x02, 0, 0, 0});
	drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 1, 0xfed94000, 0);
	findings_init(&f);
	tb_finish(&b);
	assert_int_equal(acpi_dmar_parse(b.buf, b.len, &d, &f), 0);
	assert_int_equal(d.drhd_count, 5);
	return 0;
}

static void test_resolve_path(void **state)
{
	assert_int_equal(vtd_scope_resolve(&d.scope[d.drhd[1].scopes.first], 0, &pci),
			 RID(3, 0, 0));
	assert_int_equal(vtd_scope_resolve(&d.scope[d.drhd[2].scopes.first], 0, &pci),
			 RID(0, 0x1d, 0));
	/* 00:02.0 is not a bridge: the path leads nowhere. */
	assert_int_equal(vtd_scope_resolve(&d.scope[d.drhd[3].scopes.first], 0, &pci), -ENOENT);
}

static void test_endpoint_scope(void **state)
{
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(3, 0, 0), &pci), 1);
	/* Another function on the same bus is not named: the catch-all, although it comes first. */
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(3, 0, 1), &pci), 0);
	/* The root port itself is not the endpoint. */
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(0, 0x1c, 0), &pci), 0);
}

static void test_bridge_scope(void **state)
{
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(0, 0x1d, 0), &pci), 2); /* the bridge */
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(5, 0, 0), &pci), 2);    /* below it */
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(6, 2, 1), &pci), 2);    /* two levels */
}

static void test_catch_all_and_segments(void **state)
{
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(0, 2, 0), &pci), 0);
	assert_int_equal(vtd_drhd_for_rid(&d, 1, RID(0, 2, 0), &pci), 4);
	assert_int_equal(vtd_drhd_for_rid(&d, 2, RID(0, 2, 0), &pci), -ENODEV);
}

/* QEMU's shape: one unit without INCLUDE_PCI_ALL, each bus-0 device named. */
static void test_qemu_shape(void **state)
{
	bridges = NULL;
	bridge_count = 0;
	dmar_header();
	drhd(0, 0, 0xfed90000, 16);
	scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 1, (const uint8_t[]){0x01, 0});
	scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 1, (const uint8_t[]){0x02, 0});
	findings_init(&f);
	tb_finish(&b);
	assert_int_equal(acpi_dmar_parse(b.buf, b.len, &d, &f), 0);
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(0, 1, 0), &pci), 0);
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(0, 2, 0), &pci), 0);
	/* Not named and no catch-all (a device behind a bridge QEMU did not list). */
	assert_int_equal(vtd_drhd_for_rid(&d, 0, RID(1, 3, 0), &pci), -ENODEV);
}

/* A real table: graphics 00:02.0, Thunderbolt root ports 00:07.0 / 00:07.1, the rest. */
static const struct fake_bridge tb_bridges[] = {
	{0, RID(0, 7, 0), 0x20},
	{0, RID(0, 7, 1), 0x40},
	{0, RID(0x20, 0, 0), 0x21},
};

static void test_corpus_client(void **state)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/DMAR/%s", CORPUS_DIR,
		 "ASUSTek_Computer-ASUS_EXPERTBOOK_B9400CEA_B9400CEA-359D0A3DC7E2.dat");
	uint32_t len;
	uint8_t *raw = read_file(path, &len);
	if (!raw)
		skip();
	findings_init(&f);
	assert_int_equal(acpi_dmar_parse(raw, len, &d, &f), 0);
	free(raw);
	assert_int_equal(d.drhd_count, 4);
	bridges = tb_bridges;
	bridge_count = 3;
	assert_int_equal(d.drhd[vtd_drhd_for_rid(&d, 0, RID(0, 2, 0), &pci)].reg_base, 0xfed90000);
	assert_int_equal(d.drhd[vtd_drhd_for_rid(&d, 0, RID(0, 7, 0), &pci)].reg_base, 0xfed84000);
	assert_int_equal(d.drhd[vtd_drhd_for_rid(&d, 0, RID(0x21, 0, 0), &pci)].reg_base,
			 0xfed84000);
	assert_int_equal(d.drhd[vtd_drhd_for_rid(&d, 0, RID(0x40, 0, 0), &pci)].reg_base,
			 0xfed85000);
	assert_int_equal(d.drhd[vtd_drhd_for_rid(&d, 0, RID(0, 0x14, 0), &pci)].reg_base,
			 0xfed91000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_resolve_path, setup_synthetic),
		cmocka_unit_test_setup(test_endpoint_scope, setup_synthetic),
		cmocka_unit_test_setup(test_bridge_scope, setup_synthetic),
		cmocka_unit_test_setup(test_catch_all_and_segments, setup_synthetic),
		cmocka_unit_test(test_qemu_shape),
		cmocka_unit_test(test_corpus_client),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
