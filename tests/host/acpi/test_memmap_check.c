/* SPDX-License-Identifier: MIT */
/*
 * DMAR RMRRs and IORT RMR ranges against a UEFI memory map
 * (drivers/acpi/acpi_memmap_check.c): which memory types count as reserved,
 * how a range is split over descriptors, and the findings with their ids,
 * severities and texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "drivers/acpi/acpi_memmap_check.h"
#include "drivers/acpi/acpi_platform.h"

static struct acpi_platform p; /* large: static */
static struct findings f;

/* OVMF-like: low RAM, a reserved hole, boot-services data, NVS, RAM above 1 MiB. */
static const struct mem_region map[] = {
	{.base = 0x0, .pages = 0x9f, .type = MEM_CONVENTIONAL},
	{.base = 0x9f000, .pages = 0x1, .type = MEM_BS_DATA},
	{.base = 0xa0000, .pages = 0x60, .type = MEM_RESERVED},
	{.base = 0x100000, .pages = 0x700, .type = MEM_CONVENTIONAL},
	{.base = 0x800000, .pages = 0x8, .type = MEM_ACPI_NVS},
	{.base = 0x808000, .pages = 0x8, .type = MEM_RT_DATA},
	{.base = 0x810000, .pages = 0x10, .type = MEM_UNUSABLE},
	/* 0x820000-0xfffff: no descriptor */
	{.base = 0x1000000, .pages = 0x10, .type = MEM_ACPI_RECLAIM},
};
#define MAP_COUNT (sizeof(map) / sizeof(map[0]))

static void platform_with_rmrr(uint64_t base, uint64_t limit)
{
	acpi_platform_init(&p);
	findings_init(&f);
	p.has_dmar = true;
	p.dmar.rmrr[0] = (struct acpi_dmar_rmrr){.offset = 0x80, .base = base, .limit = limit};
	p.dmar.rmrr_count = 1;
}

static void platform_with_rmr(uint8_t revision, uint64_t base, uint64_t length)
{
	acpi_platform_init(&p);
	findings_init(&f);
	p.has_iort = true;
	p.iort.revision = revision;
	p.iort.node[0] = (struct acpi_iort_node){.offset = 0xd0, .type = ACPI_IORT_RMR};
	p.iort.node[0].u.rmr.first = 0;
	p.iort.node[0].u.rmr.count = 1;
	p.iort.node_count = 1;
	p.iort.rmr_range[0] = (struct acpi_iort_rmr_range){base, length};
	p.iort.rmr_range_count = 1;
}

static void expect_one(const char *id, enum finding_severity sev, const char *source,
		       uint32_t offset, const char *text)
{
	assert_int_equal(f.count, 1);
	assert_string_equal(finding_id(&f.item[0]), id);
	assert_int_equal(f.item[0].severity, sev);
	assert_string_equal(f.item[0].source, source);
	assert_int_equal(f.item[0].offset, offset);
	assert_string_equal(f.item[0].text, text);
}

static void test_types(void **state)
{
	(void)state;
	static const uint32_t reserved[] = {MEM_RESERVED, MEM_RT_CODE,   MEM_RT_DATA, MEM_ACPI_NVS,
					    MEM_MMIO,     MEM_MMIO_PORT, MEM_PAL_CODE};
	static const uint32_t os[] = {MEM_LOADER_CODE, MEM_LOADER_DATA,  MEM_BS_CODE,
				      MEM_BS_DATA,     MEM_CONVENTIONAL, MEM_ACPI_RECLAIM,
				      MEM_PERSISTENT};
	for (unsigned i = 0; i < 7; i++) {
		assert_true(acpi_memmap_type_reserved(reserved[i]));
		assert_false(acpi_memmap_type_os(reserved[i]));
		assert_true(acpi_memmap_type_os(os[i]));
		assert_false(acpi_memmap_type_reserved(os[i]));
	}
	assert_false(acpi_memmap_type_reserved(MEM_UNUSABLE));
	assert_false(acpi_memmap_type_os(MEM_UNUSABLE));
	assert_false(acpi_memmap_type_reserved(15));
	assert_false(acpi_memmap_type_os(0x80000000u));
	assert_string_equal(acpi_memmap_type_name(MEM_BS_DATA), "EfiBootServicesData");
	assert_string_equal(acpi_memmap_type_name(MEM_PERSISTENT), "EfiPersistentMemory");
	assert_string_equal(acpi_memmap_type_name(15), "unknown");
}

static void test_cover(void **state)
{
	(void)state;
	struct acpi_memmap_cover c;
	/* 0x9e000-0xa1fff: a page of RAM, a page of boot-services data, two reserved pages. */
	acpi_memmap_cover(map, MAP_COUNT, 0x9e000, 0x4000, &c);
	assert_int_equal(c.os, 0x2000);
	assert_int_equal(c.reserved, 0x2000);
	assert_int_equal(c.other, 0);
	assert_int_equal(c.os_type, MEM_CONVENTIONAL);
	assert_int_equal(c.os_base, 0x9e000);
	/* NVS, runtime data, unusable, then the hole. */
	acpi_memmap_cover(map, MAP_COUNT, 0x800000, 0x30000, &c);
	assert_int_equal(c.reserved, 0x10000);
	assert_int_equal(c.other, 0x20000);
	assert_int_equal(c.os, 0);
	assert_int_equal(c.os_type, -1);
}

/* Overlapping descriptors count once, by the first; a descriptor running past 2^64 saturates. */
static void test_cover_hostile(void **state)
{
	(void)state;
	static const struct mem_region bad[] = {
		{.base = 0x1000, .pages = 4, .type = MEM_RESERVED},
		{.base = 0x0, .pages = 0x10, .type = MEM_CONVENTIONAL},
		{.base = 0xfffffffffffff000ull, .pages = 0x100000, .type = MEM_RESERVED},
	};
	struct acpi_memmap_cover c;
	acpi_memmap_cover(bad, 3, 0, 0x10000, &c);
	assert_int_equal(c.reserved, 0x4000);
	assert_int_equal(c.os, 0xc000);
	assert_int_equal(c.os_base, 0);
	acpi_memmap_cover(bad, 3, 0xfffffffffffff000ull, UINT64_MAX, &c);
	assert_int_equal(c.reserved, 0xfff);
	assert_int_equal(c.os + c.other, 0);
	/* The whole address space: an RMRR 0-2^64-1. */
	platform_with_rmrr(0, UINT64_MAX);
	acpi_memmap_check(&p, bad, 3, &f);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.item[0].severity, FINDING_ERROR);
	/* No map: nothing to check against. */
	findings_init(&f);
	acpi_memmap_check(&p, bad, 0, &f);
	acpi_memmap_check(0, bad, 3, &f);
	assert_int_equal(f.count, 0);
}

static void test_rmrr(void **state)
{
	(void)state;
	platform_with_rmrr(0x100000, 0x1fffff);
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	expect_one("dmar.rmrr-not-reserved", FINDING_ERROR, "DMAR", 0x80,
		   "RMRR 0x100000-0x1fffff: 0x100000 bytes in memory the OS reuses after "
		   "ExitBootServices (EfiConventionalMemory from 0x100000; UEFI 2.10 §7.2)");
	assert_non_null(f.item[0].check->linux_does);

	platform_with_rmrr(0x9f000, 0x9ffff); /* boot-services data: free after ExitBootServices */
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	expect_one("dmar.rmrr-not-reserved", FINDING_ERROR, "DMAR", 0x80,
		   "RMRR 0x9f000-0x9ffff: 0x1000 bytes in memory the OS reuses after "
		   "ExitBootServices (EfiBootServicesData from 0x9f000; UEFI 2.10 §7.2)");

	platform_with_rmrr(0x1000000, 0x100ffff); /* ACPI reclaim: the OS takes it back */
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.item[0].severity, FINDING_ERROR);

	platform_with_rmrr(0x810000, 0x82ffff); /* unusable, then no descriptor */
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	expect_one("dmar.rmrr-not-reserved", FINDING_WARNING, "DMAR", 0x80,
		   "RMRR 0x810000-0x82ffff: 0x20000 bytes unusable or in no memory map "
		   "descriptor, not reserved by the firmware (UEFI 2.10 §7.2)");

	/* Reserved, NVS and runtime data are all reserved; a reversed RMRR is not looked at. */
	platform_with_rmrr(0xa0000, 0xfffff);
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	platform_with_rmrr(0x800000, 0x80ffff);
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	p.dmar.rmrr[0].limit = 0x1000;
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	assert_int_equal(f.count, 0);
}

static void test_rmr(void **state)
{
	(void)state;
	platform_with_rmr(5, 0x100000, 0x10000);
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	expect_one("iort.rmr-not-reserved", FINDING_ERROR, "IORT", 0xd0,
		   "RMR range 0x100000-0x10ffff: 0x10000 bytes in memory the OS reuses after "
		   "ExitBootServices (EfiConventionalMemory from 0x100000; UEFI 2.10 §7.2)");

	/* Device memory outside the map (an MSI doorbell frame): info only. */
	platform_with_rmr(5, 0x820000, 0x10000);
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	expect_one("iort.rmr-not-reserved", FINDING_INFO, "IORT", 0xd0,
		   "RMR range 0x820000-0x82ffff: 0x10000 bytes unusable or in no memory map "
		   "descriptor, not reserved by the firmware (UEFI 2.10 §7.2)");

	/* Reserved; before revision 5 Linux ignores RMR nodes; a range index past the array. */
	platform_with_rmr(5, 0xa0000, 0x10000);
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	platform_with_rmr(3, 0x100000, 0x10000);
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	platform_with_rmr(5, 0x100000, 0x10000);
	p.iort.node[0].u.rmr.first = 60;
	p.iort.node[0].u.rmr.count = 10;
	acpi_memmap_check(&p, map, MAP_COUNT, &f);
	assert_int_equal(f.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),         cmocka_unit_test(test_cover),
		cmocka_unit_test(test_cover_hostile), cmocka_unit_test(test_rmrr),
		cmocka_unit_test(test_rmr),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
