/* SPDX-License-Identifier: MIT */
/* boot.handoff: what the boot stage handed over is sane, and we run on our own page tables. */
#include <string.h>

#include "arch/hooks.h"
#include "boot/handoff.h"
#include "kernel/kernel.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/test/dtest.h"

static uint8_t sum_bytes(const uint8_t *p, uint32_t len)
{
	uint8_t s = 0;
	for (uint32_t i = 0; i < len; i++)
		s += p[i];
	return s;
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

DTEST(boot_handoff, .name = "boot.handoff",
      .summary = "memory map sorted and disjoint, RSDP/XSDT checksums, own page tables",
      .deadline_ms = 2000)
{
	const struct boot_info *bi = kernel_boot_info();

	DT_EXPECT_EQ(t, bi->magic, BOOT_INFO_MAGIC);
	DT_EXPECT_GT(t, bi->region_count, 0);
	/* The EFI map converted one to one; the multiboot entry splits and has no EFI map. */
	if (bi->boot_path == BOOT_PATH_UEFI)
		DT_EXPECT_EQ(t, bi->region_count, bi->efi_map_descriptors);
	else
		DT_EXPECT_EQ(t, bi->efi_map_descriptors, 0);
	uint64_t conventional = 0;
	for (uint32_t i = 0; i < bi->region_count; i++) {
		const struct mem_region *r = &bi->regions[i];
		DT_EXPECT(t, r->pages > 0, "region %u at 0x%llx has no pages", i,
			  (unsigned long long)r->base);
		DT_EXPECT(t, (r->base & 0xfff) == 0, "region %u base 0x%llx not page aligned", i,
			  (unsigned long long)r->base);
		if (r->type == MEM_CONVENTIONAL)
			conventional += r->pages;
		if (i == 0)
			continue;
		const struct mem_region *p = &bi->regions[i - 1];
		DT_EXPECT(t, p->base < r->base, "regions %u and %u not sorted", i - 1, i);
		DT_EXPECT(t, p->base + p->pages * PAGE_SIZE <= r->base,
			  "region %u [0x%llx+%llu pages] overlaps region %u at 0x%llx", i - 1,
			  (unsigned long long)p->base, (unsigned long long)p->pages, i,
			  (unsigned long long)r->base);
	}
	DT_EXPECT_GT(t, conventional, 0);
	DT_EXPECT_LE(t, page_alloc_total_pages(), conventional);

	/* ACPI 6.5 §5.2.5.3: checksum over the first 20 bytes, extended over Length. */
	DT_EXPECT_NE(t, bi->rsdp_phys, 0);
	if (bi->rsdp_phys) {
		const uint8_t *rsdp = (const uint8_t *)(uintptr_t)bi->rsdp_phys;
		DT_EXPECT(t, !memcmp(rsdp, "RSD PTR ", 8), "RSDP signature");
		DT_EXPECT_EQ(t, sum_bytes(rsdp, 20), 0);
		if (rsdp[15] >= 2) {
			uint32_t len = get32(rsdp + 20);
			DT_EXPECT_GE(t, len, 36);
			DT_EXPECT_EQ(t, sum_bytes(rsdp, len < 36 ? 36 : len), 0);
			const uint8_t *xsdt = (const uint8_t *)(uintptr_t)get64(rsdp + 24);
			DT_EXPECT(t, !memcmp(xsdt, "XSDT", 4), "XSDT signature");
			DT_EXPECT_EQ(t, sum_bytes(xsdt, get32(xsdt + 4)), 0);
		}
	}

	DT_EXPECT(t, arch_mmu_is_own(), "translation root 0x%llx is not ours",
		  (unsigned long long)arch_mmu_root());
	/* Our tables must still map what we run from. */
	DT_EXPECT(t,
		  (uint64_t)(uintptr_t)&boot_handoff >= bi->image_base &&
			  (uint64_t)(uintptr_t)&boot_handoff < bi->image_base + bi->image_size,
		  "test code at %p outside the loaded image", (void *)&boot_handoff);
}
