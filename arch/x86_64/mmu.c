/* SPDX-License-Identifier: MIT */
/*
 * Our own identity page tables (SDM Vol. 3A §4.5): the first 512 GiB in
 * 2 MiB pages. Pages holding RAM are write-back; everything else is
 * strong uncacheable (PCD|PWT selects PAT entry 3, UC, in the power-on PAT:
 * §11.12.3). Addresses from 512 GiB up are not mapped: a touch there is a
 * page fault, which boot.exception uses on purpose. arch_mmio_map adds the
 * 2 MiB pages of a BAR placed higher (OVMF's 64-bit aperture under QEMU
 * 10.0 starts at 896 GiB), and nothing else.
 */
#include <string.h>

#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "boot/handoff.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"

#define PTE_P      (1ull << 0)
#define PTE_W      (1ull << 1)
#define PTE_PWT    (1ull << 3)
#define PTE_PCD    (1ull << 4)
#define PTE_PS     (1ull << 7)
#define GIB        (1ull << 30)
#define MIB2       (1ull << 21)
#define MAPPED_GIB 512
#define PTE_ADDR   0x000ffffffffff000ull
#define VA_TOP     (1ull << 48) /* 4-level paging */

static uint64_t root;

static bool x86_mmu_is_ram(uint32_t type)
{
	switch (type) {
	case MEM_LOADER_CODE:
	case MEM_LOADER_DATA:
	case MEM_BS_CODE:
	case MEM_BS_DATA:
	case MEM_RT_CODE:
	case MEM_RT_DATA:
	case MEM_CONVENTIONAL:
	case MEM_ACPI_RECLAIM:
	case MEM_ACPI_NVS:
	case MEM_PERSISTENT: return true;
	}
	return false;
}

static bool x86_mmu_range_has_ram(const struct boot_info *bi, uint64_t base, uint64_t size)
{
	for (uint32_t i = 0; i < bi->region_count; i++) {
		const struct mem_region *r = &bi->regions[i];
		uint64_t end = r->base + r->pages * PAGE_SIZE;
		if (x86_mmu_is_ram(r->type) && r->base < base + size && end > base)
			return true;
	}
	return false;
}

int arch_mmu_init(const struct boot_info *bi)
{
	uint64_t pml4 = page_alloc(1), pdpt = page_alloc(1);
	if (!pml4 || !pdpt)
		return -ENOMEM;
	uint64_t *pml4v = (uint64_t *)(uintptr_t)pml4, *pdptv = (uint64_t *)(uintptr_t)pdpt;
	pml4v[0] = pdpt | PTE_P | PTE_W;

	for (uint64_t g = 0; g < MAPPED_GIB; g++) {
		uint64_t pd = page_alloc(1);
		if (!pd)
			return -ENOMEM;
		uint64_t *pdv = (uint64_t *)(uintptr_t)pd;
		bool any_ram = x86_mmu_range_has_ram(bi, g * GIB, GIB);
		for (uint64_t i = 0; i < 512; i++) {
			uint64_t pa = g * GIB + i * MIB2;
			uint64_t attr = PTE_P | PTE_W | PTE_PS;
			if (!any_ram || !x86_mmu_range_has_ram(bi, pa, MIB2))
				attr |= PTE_PCD | PTE_PWT;
			pdv[i] = pa | attr;
		}
		pdptv[g] = pd | PTE_P | PTE_W;
	}
	write_cr3(pml4);
	root = pml4;
	return 0;
}

bool arch_mmu_is_own(void)
{
	return root && (read_cr3() & ~0xfffull) == root;
}

uint64_t arch_mmu_root(void)
{
	return read_cr3() & ~0xfffull;
}

/* The table entry e points to, allocated (zeroed: nothing present) when absent. */
static uint64_t *mmu_next(uint64_t *e)
{
	if (!(*e & PTE_P)) {
		uint64_t t = page_alloc(1);
		if (!t)
			return NULL;
		*e = t | PTE_P | PTE_W;
	}
	return (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
}

int arch_mmio_map(uint64_t phys, uint64_t size)
{
	uint64_t end = phys + size;
	if (!root || !size || end < phys || end > VA_TOP)
		return -ERANGE;
	/*
	 * Absent entries become present: no invalidation is needed, the CPU
	 * caches no translation through a non-present entry (SDM Vol. 3A
	 * §4.10.2.3, §4.10.3.1).
	 */
	for (uint64_t pa = phys & ~(MIB2 - 1); pa < end; pa += MIB2) {
		uint64_t *pdpt = mmu_next(&((uint64_t *)(uintptr_t)root)[(pa >> 39) & 511]);
		if (!pdpt)
			return -ENOMEM;
		uint64_t *e3 = &pdpt[(pa >> 30) & 511];
		if ((*e3 & PTE_P) && (*e3 & PTE_PS))
			continue;
		uint64_t *pd = mmu_next(e3);
		if (!pd)
			return -ENOMEM;
		uint64_t *e2 = &pd[(pa >> 21) & 511];
		if (!(*e2 & PTE_P))
			*e2 = pa | PTE_P | PTE_W | PTE_PS | PTE_PCD | PTE_PWT;
	}
	return 0;
}
