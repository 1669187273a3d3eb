/* SPDX-License-Identifier: MIT */
/*
 * The multiboot entry's translation (boot/multiboot.c, included here for its
 * static functions): a SeaBIOS-like mmap becomes sorted, disjoint, page
 * granular regions with EFI types; the image, the information structure and
 * the modules are cut out of free memory; the AP page is the highest free
 * page below 0xA0000; the module named config is the guest config, the
 * others are tables named by their file name. The loader's structures live
 * in host memory mapped at a fixed address below 4 GiB, where the 32-bit
 * multiboot pointers can reach them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "boot/multiboot.c"

#define AREA      0x08000000ull /* the loader's structures, inside the big RAM entry below */
#define AREA_SIZE (64 * 1024)
#define IMAGE     0x100000ull
#define IMAGE_END 0x1df000ull

const uint8_t __mb_load_start[1], __mb_bss_end[1];

uint64_t arch_counter_read(void)
{
	return 0;
}

void kernel_main(struct boot_info *bi)
{
	(void)bi;
	abort();
}

static uint8_t *area;

struct layout {
	struct mb_info *mi;
	uint32_t next; /* next free byte, as a "physical" address */
};

static uint32_t put(struct layout *l, const void *data, uint32_t len)
{
	uint32_t at = l->next;
	memcpy(area + (at - AREA), data, len);
	l->next = (at + len + 15) & ~15u;
	return at;
}

static void put_mmap(struct layout *l, const uint64_t (*e)[3], unsigned n)
{
	l->mi->mmap_addr = l->next;
	for (unsigned i = 0; i < n; i++) {
		struct mb_mmap m = {
			.size = 20, .addr = e[i][0], .len = e[i][1], .type = (uint32_t)e[i][2]};
		memcpy(area + (l->next - AREA), &m, sizeof(m));
		l->next += sizeof(m);
	}
	l->mi->mmap_length = n * sizeof(struct mb_mmap);
	l->mi->flags |= MB_INFO_MMAP;
}

/* A q35 guest with 256 MiB under SeaBIOS, plus RAM above 4 GiB and one overlapping entry. */
static const uint64_t seabios[][3] = {
	{0x0, 0x9fc00, MB_MMAP_RAM},
	{0x9fc00, 0x400, 2},
	{0xf0000, 0x10000, 2},
	{0x100000, 0xfee0000, MB_MMAP_RAM},
	{0xffe0000, 0x20000, 2},
	{0xfeffc000, 0x4000, 2},
	{0xfffc0000, 0x40000, 2},
	{0x100000000ull, 0x40000000, MB_MMAP_RAM},
	{0x120000000ull, 0x1000, MB_MMAP_ACPI}, /* inside the RAM entry above: cut out of it */
};

static int setup(void **state)
{
	(void)state;
	memset(&mb_boot, 0, sizeof(mb_boot));
	busy_count = 0;
	mb_boot.regions = mb_regions;
	memset(area, 0, AREA_SIZE);
	return 0;
}

static struct layout new_layout(void)
{
	struct layout l = {.mi = (struct mb_info *)area, .next = AREA + sizeof(struct mb_info)};
	l.next = (l.next + 15) & ~15u;
	return l;
}

static const struct mem_region *region_at(const struct boot_info *bi, uint64_t pa)
{
	for (uint32_t i = 0; i < bi->region_count; i++) {
		const struct mem_region *r = &bi->regions[i];
		if (pa >= r->base && pa < r->base + r->pages * PAGE)
			return r;
	}
	return NULL;
}

static uint32_t type_at(const struct boot_info *bi, uint64_t pa)
{
	const struct mem_region *r = region_at(bi, pa);
	return r ? r->type : 0xffffffffu;
}

static void check_sorted_disjoint(const struct boot_info *bi)
{
	for (uint32_t i = 0; i < bi->region_count; i++) {
		const struct mem_region *r = &bi->regions[i];
		assert_true(r->pages > 0);
		assert_int_equal(r->base & (PAGE - 1), 0);
		if (i)
			assert_true(bi->regions[i - 1].base + bi->regions[i - 1].pages * PAGE <=
				    r->base);
	}
}

static void test_memory_map(void **state)
{
	(void)state;
	struct boot_info *bi = &mb_boot;
	struct layout l = new_layout();
	put_mmap(&l, seabios, sizeof(seabios) / sizeof(seabios[0]));
	mb_busy(l.mi, IMAGE, IMAGE_END);
	mb_memory_map(bi, l.mi);
	check_sorted_disjoint(bi);

	assert_int_equal(type_at(bi, 0x0), MEM_CONVENTIONAL);
	assert_int_equal(type_at(bi, 0x9e000), MEM_CONVENTIONAL);
	assert_int_equal(type_at(bi, 0x9f000), MEM_RESERVED); /* 0x9fc00 rounded outwards */
	assert_int_equal(type_at(bi, 0xf0000), MEM_RESERVED);
	assert_int_equal(type_at(bi, IMAGE), MEM_LOADER_CODE);
	assert_int_equal(type_at(bi, IMAGE_END - 1), MEM_LOADER_CODE);
	assert_int_equal(type_at(bi, IMAGE_END), MEM_CONVENTIONAL);
	assert_int_equal(type_at(bi, AREA), MEM_LOADER_DATA); /* the info and the mmap */
	assert_int_equal(type_at(bi, AREA + PAGE), MEM_CONVENTIONAL);
	assert_int_equal(type_at(bi, 0xffe0000), MEM_RESERVED);
	assert_int_equal(type_at(bi, 0xfffc0000), MEM_RESERVED);
	assert_int_equal(type_at(bi, 0x100000000ull), MEM_CONVENTIONAL);
	assert_int_equal(type_at(bi, 0x11ffff000ull), MEM_CONVENTIONAL);
	assert_int_equal(type_at(bi, 0x120000000ull), MEM_ACPI_RECLAIM); /* not free: cut out */
	assert_int_equal(type_at(bi, 0x120001000ull), MEM_CONVENTIONAL);

	uint64_t conventional = 0;
	for (uint32_t i = 0; i < bi->region_count; i++)
		if (bi->regions[i].type == MEM_CONVENTIONAL)
			conventional += bi->regions[i].pages;
	/* 0x9f pages low, RAM up to 0xffe0000 less the image and the info page, 1 GiB high less
	 * the ACPI page. */
	assert_int_equal(conventional, 0x9f + (0xffe0000 - 0x100000) / PAGE -
					       (IMAGE_END - IMAGE) / PAGE - 1 + 0x40000 - 1);

	uint64_t low = mb_low_page(bi);
	assert_int_equal(low, 0x9e000);
	uint32_t n = bi->region_count;
	region_take_page(bi, low);
	check_sorted_disjoint(bi);
	assert_int_equal(bi->region_count, n + 1);
	assert_int_equal(type_at(bi, low), MEM_LOADER_DATA);
	assert_int_equal(type_at(bi, low - PAGE), MEM_CONVENTIONAL);
}

static void test_mem_fields_without_mmap(void **state)
{
	(void)state;
	struct boot_info *bi = &mb_boot;
	struct layout l = new_layout();
	l.mi->flags = MB_INFO_MEM;
	l.mi->mem_lower = 639;
	l.mi->mem_upper = 255 * 1024;
	mb_busy(l.mi, IMAGE, IMAGE_END);
	mb_memory_map(bi, l.mi);
	check_sorted_disjoint(bi);
	assert_int_equal(type_at(bi, 0x9e000), MEM_CONVENTIONAL);
	assert_int_equal(type_at(bi, 0x9f000), 0xffffffffu); /* 639 KiB: the last page is partial */
	assert_int_equal(type_at(bi, IMAGE), MEM_LOADER_CODE);
	assert_int_equal(type_at(bi, 0x10000000 - PAGE), MEM_CONVENTIONAL);
}

static void test_modules(void **state)
{
	(void)state;
	struct boot_info *bi = &mb_boot;
	struct layout l = new_layout();
	put_mmap(&l, seabios, 4);
	static const char config[] = "config=x\nexit=qemu\n", dmar[36] = "DMAR";
	struct mb_module m[3] = {
		{.start = put(&l, config, sizeof(config) - 1)},
		{.start = put(&l, dmar, sizeof(dmar))},
		{.start = put(&l, dmar, sizeof(dmar))},
	};
	m[0].end = m[0].start + sizeof(config) - 1;
	m[1].end = m[1].start + sizeof(dmar);
	m[2].end = m[2].start + sizeof(dmar);
	m[0].string = put(&l, "/b/results/x86-a@7.2.modules/config", 36);
	m[1].string = put(&l, "/b/dmar-flags-0x09.aml some words", 34);
	m[2].string = 0;
	l.mi->mods_addr = put(&l, m, sizeof(m));
	l.mi->mods_count = 3;
	l.mi->flags |= MB_INFO_MODS | MB_INFO_CMDLINE;
	l.mi->cmdline = put(&l, "doorbell.mb ", 13);
	l.next = (l.next + 0x3fff) & ~0xfffu; /* a last module two pages on */
	mb_busy(l.mi, IMAGE, IMAGE_END);
	mb_memory_map(bi, l.mi);
	mb_modules(bi, l.mi);

	assert_int_equal(bi->config.size, sizeof(config) - 1);
	assert_memory_equal(bi->config.data, config, sizeof(config) - 1);
	assert_string_equal(bi->config.name, "config");
	assert_int_equal(bi->acpi_file_count, 2);
	assert_string_equal(bi->acpi_files[0].name, "dmar-flags-0x09.aml");
	assert_int_equal(bi->acpi_files[0].size, 36);
	assert_string_equal(bi->acpi_files[1].name, "");
	for (uint32_t i = 0; i < 3; i++)
		assert_int_equal(type_at(bi, m[i].start), MEM_LOADER_DATA);
	assert_int_equal(type_at(bi, l.mi->mods_addr), MEM_LOADER_DATA);
	assert_int_equal(type_at(bi, l.next), MEM_CONVENTIONAL);
}

static void test_rsdp_checksums(void **state)
{
	(void)state;
	uint8_t *p = area;
	memcpy(p, "RSD PTR ", 8);
	p[15] = 0; /* ACPI 1.0: 20 bytes */
	p[8] = (uint8_t)-sum(p, 20);
	assert_true(rsdp_valid(p));
	p[16] ^= 1;
	assert_false(rsdp_valid(p));
	p[16] ^= 1;
	p[15] = 2;
	p[8] = 0;
	p[8] = (uint8_t)-sum(p, 20);
	uint32_t len = 36;
	memcpy(p + 20, &len, 4);
	p[8] = 0;
	p[8] = (uint8_t)-sum(p, 20);
	p[32] = (uint8_t)-sum(p, 36);
	assert_true(rsdp_valid(p));
	p[33] = 1; /* breaks the extended checksum only */
	assert_false(rsdp_valid(p));
	assert_int_equal(rsdp_scan(AREA, 64), 0);
}

int main(void)
{
	void *want = (void *)(uintptr_t)AREA;
	area = mmap(want, AREA_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (area != want) {
		printf("# SKIP cannot map 0x%llx below 4 GiB\n", (unsigned long long)AREA);
		return 0;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_memory_map, setup),
		cmocka_unit_test_setup(test_mem_fields_without_mmap, setup),
		cmocka_unit_test_setup(test_modules, setup),
		cmocka_unit_test_setup(test_rsdp_checksums, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
