/* SPDX-License-Identifier: MIT */
/*
 * Our own identity page tables (SDM Vol. 3A §4.5, 4-level paging), built by
 * kernel/mm/idmap.c: [0, 512 GiB) and every memory-map region above it,
 * bounded by the physical address width (CPUID.80000008H:EAX[7:0]; 36 bits
 * when the leaf is absent, §4.1.4). 1 GiB pages where the CPU has them
 * (CPUID.80000001H:EDX[26]), 2 MiB pages otherwise, 4 KiB pages only where
 * RAM and non-RAM share a 2 MiB page. Pages holding RAM are write-back;
 * everything else is strong uncacheable (PCD|PWT selects PAT entry 3, UC, in
 * the power-on PAT: §11.12.3). A higher BAR (OVMF's 64-bit aperture under
 * QEMU 10.0 starts at 896 GiB) is added by arch_mmio_map. Addresses left
 * out fault, which boot.exception uses on purpose (x86_mmu_unmapped_addr).
 */
#include <string.h>

#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"
#include "boot/handoff.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/mm/idmap.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"

#define PTE_P          (1ull << 0)
#define PTE_W          (1ull << 1)
#define PTE_PWT        (1ull << 3)
#define PTE_PCD        (1ull << 4)
#define PTE_PS         (1ull << 7)
#define PTE_ADDR       0x000ffffffffff000ull
#define MMU_FLOOR      (512ull << 30) /* what every arch maps: PCI_IDENTITY_MAP_LIMIT */
#define CPUID_EXT_MAX  0x80000000u
#define CPUID_EXT_FEAT 0x80000001u
#define CPUID_ADDR     0x80000008u
#define EDX_PAGE1GB    (1u << 26)

static struct mem_range mmu_ram[BOOT_MAX_REGIONS], mmu_plan[BOOT_MAX_REGIONS + 1];
static struct idmap mmu_map;
static bool mmu_own;

static uint64_t x86_mmu_table(uint64_t pa)
{
	return pa | PTE_P | PTE_W;
}

static uint64_t x86_mmu_leaf(uint64_t pa, unsigned level, bool ram)
{
	uint64_t e = pa | PTE_P | PTE_W | (level < 3 ? PTE_PS : 0);
	return ram ? e : e | PTE_PCD | PTE_PWT;
}

static bool x86_mmu_present(uint64_t e)
{
	return e & PTE_P;
}

static bool x86_mmu_is_table(uint64_t e, unsigned level)
{
	return (e & PTE_P) && (level == 0 || !(e & PTE_PS));
}

static const struct idmap_ops x86_mmu_ops = {
	.table = x86_mmu_table,
	.leaf = x86_mmu_leaf,
	.present = x86_mmu_present,
	.is_table = x86_mmu_is_table,
	.addr_mask = PTE_ADDR,
};

/* The root goes below 4 GiB: the AP trampoline loads CR3 in 32-bit mode. */
static uint64_t x86_mmu_alloc_table(void)
{
	return page_alloc_class(1, 1, mmu_map.root ? PAGE_CLASS_ANY : PAGE_CLASS_DMA32);
}

static uint64_t *x86_mmu_table_ptr(uint64_t pa)
{
	return (uint64_t *)(uintptr_t)pa;
}

/* MAXPHYADDR (SDM Vol. 3A §4.1.4) and whether 1 GiB pages exist. */
static unsigned x86_mmu_cpu(bool *gib)
{
	uint32_t r[4];
	cpuid(CPUID_EXT_MAX, 0, r);
	uint32_t max = r[0];
	*gib = false;
	if (max >= CPUID_EXT_FEAT) {
		cpuid(CPUID_EXT_FEAT, 0, r);
		*gib = r[3] & EDX_PAGE1GB;
	}
	if (max < CPUID_ADDR)
		return 36;
	cpuid(CPUID_ADDR, 0, r);
	unsigned bits = r[0] & 0xff;
	return bits < 32 || bits > 52 ? 36 : bits;
}

int arch_mmu_init(const struct boot_info *bi)
{
	bool gib;
	unsigned pa_bits = x86_mmu_cpu(&gib), clipped;
	memset(&mmu_map, 0, sizeof(mmu_map));
	mmu_map.ops = &x86_mmu_ops;
	mmu_map.gib_leaves = gib;
	mmu_map.pa_top = 1ull << pa_bits;
	mmu_map.alloc_table = x86_mmu_alloc_table;
	mmu_map.table_ptr = x86_mmu_table_ptr;
	mmu_map.ram = mmu_ram;
	mmu_map.ram_count = mem_ranges_collect(bi->regions, bi->region_count, mem_ranges_type_ram,
					       mmu_ram, BOOT_MAX_REGIONS, 0);
	unsigned n = idmap_plan(bi->regions, bi->region_count, MMU_FLOOR, mmu_map.pa_top, mmu_plan,
				&clipped);
	int err = idmap_init(&mmu_map);
	for (unsigned i = 0; !err && i < n; i++)
		err = idmap_map(&mmu_map, mmu_plan[i].base, mmu_plan[i].end);
	if (err)
		return err;
	write_cr3(mmu_map.root);
	mmu_own = true;
	uint64_t top = n ? mmu_plan[n - 1].end : 0;
	if (clipped)
		kprintf("# mmu: %u memory-map region(s) reach past the %u-bit physical address "
			"width; mapped up to it\n",
			clipped, pa_bits);
	fact("mmu.pa_bits", "%u", pa_bits);
	fact("mmu.page_1g", "%u", gib ? 1 : 0);
	fact("mmu.mapped_top", "0x%llx", (unsigned long long)top);
	fact("mmu.mapped_ranges", "%u", n);
	fact("mmu.table_pages", "%u", mmu_map.table_pages);
	return 0;
}

bool arch_mmu_is_own(void)
{
	return mmu_own && (read_cr3() & PTE_ADDR) == mmu_map.root;
}

uint64_t arch_mmu_root(void)
{
	return read_cr3() & ~0xfffull;
}

uint64_t x86_mmu_unmapped_addr(void)
{
	/* Before our tables, or with nothing free below the width: just past 512 GiB. */
	uint64_t a = mmu_own ? idmap_first_hole(&mmu_map, MMU_FLOOR, mmu_map.pa_top) : 0;
	return a ? a : MMU_FLOOR;
}

int arch_mmio_map(uint64_t phys, uint64_t size)
{
	uint64_t end = phys + size;
	if (!mmu_own || !size || end < phys || end > mmu_map.pa_top)
		return -ERANGE;
	/*
	 * Absent entries become present: no invalidation is needed, the CPU
	 * caches no translation through a non-present entry (SDM Vol. 3A
	 * §4.10.2.3, §4.10.3.1).
	 */
	return idmap_map(&mmu_map, phys, end);
}
