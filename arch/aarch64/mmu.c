/* SPDX-License-Identifier: MIT */
/*
 * Own identity page tables (Arm ARM DDI 0487, D5 "The AArch64 Virtual
 * Memory System Architecture"): 4 KiB granule, 48-bit VA, four levels
 * (L0 512 GiB, L1 1 GiB, L2 2 MiB, L3 4 KiB), built by kernel/mm/idmap.c.
 * RAM from the memory map is Normal write-back, everything else
 * Device-nGnRE; the largest block that is all-RAM or all-device is used.
 * The switch itself is in mmu_switch.S.
 *
 * Covered: [0, 512 GiB) and the 1 GiB slots of every memory-map region
 * above it, bounded by ID_AA64MMFR0_EL1.PARange (QEMU virt: RAM at 1 GiB,
 * high ECAM at 256 GiB). A BAR above that (virt's high PCIe MMIO at
 * 512 GiB..1 TiB) is added by arch_mmio_map. The rest stays unmapped.
 */
#include <stddef.h>
#include <string.h>

#include "arch/aarch64/aarch64.h"
#include "boot/handoff.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/mm/idmap.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"

/* Descriptor bits (D5.3, VMSAv8-64 translation table format descriptors). */
#define DESC_VALID       (1ull << 0)
#define DESC_TABLE       (3ull << 0) /* L0-L2: next-level table */
#define DESC_BLOCK       (1ull << 0) /* L1-L2: block */
#define DESC_PAGE        (3ull << 0) /* L3: page */
#define DESC_ATTRIDX(i)  ((uint64_t)(i) << 2)
#define DESC_AP_EL2_RES1 (1ull << 6) /* AP[1]: RES1 in the one-privilege EL2 regime */
#define DESC_SH_INNER    (3ull << 8)
#define DESC_AF          (1ull << 10)
#define DESC_PXN         (1ull << 53)
#define DESC_UXN         (1ull << 54) /* XN in the EL2 regime */
#define DESC_ADDR_MASK   0x0000fffffffff000ull

/* MAIR_ELx attribute slots (D13.2 MAIR_EL1). */
#define MAIR_DEVICE_nGnRnE 0
#define MAIR_DEVICE_nGnRE  1
#define MAIR_NORMAL_NC     2
#define MAIR_NORMAL_WB     3
#define MAIR_VALUE                                                                                 \
	((0x00ull << (8 * MAIR_DEVICE_nGnRnE)) | (0x04ull << (8 * MAIR_DEVICE_nGnRE)) |            \
	 (0x44ull << (8 * MAIR_NORMAL_NC)) | (0xffull << (8 * MAIR_NORMAL_WB)))

/* TCR fields shared by TCR_EL1 and TCR_EL2 (D13.2 TCR_EL1/TCR_EL2). */
#define TCR_T0SZ(bits)   ((uint64_t)(64 - (bits)))
#define TCR_IRGN0_WBWA   (1ull << 8)
#define TCR_ORGN0_WBWA   (1ull << 10)
#define TCR_SH0_INNER    (3ull << 12)
#define TCR_TG0_4K       (0ull << 14)
#define TCR_EPD1         (1ull << 23) /* EL1 layout: no TTBR1 walks */
#define TCR_TG1_4K       (2ull << 30) /* EL1 layout */
#define TCR_IPS_SHIFT    32           /* EL1 layout */
#define TCR_EL2_PS_SHIFT 16           /* EL2 layout (E2H = 0) */
#define TCR_EL2_RES1     ((1ull << 31) | (1ull << 23))

#define MMU_FLOOR (512ull << 30) /* what every arch maps: PCI_IDENTITY_MAP_LIMIT */

static struct idmap mmu_map;
static bool mmu_built;
static unsigned mmu_pa_bits;
static uint64_t mmu_normal_attrs, mmu_device_attrs;
static struct mem_range mmu_ram[BOOT_MAX_REGIONS], mmu_plan[BOOT_MAX_REGIONS + 1];

bool aarch64_mmu_is_ram(uint64_t addr)
{
	return mem_ranges_overlap(mmu_ram, mmu_map.ram_count, addr, 1) != 0;
}

static uint64_t mmu_table(uint64_t pa)
{
	return pa | DESC_TABLE;
}

static uint64_t mmu_leaf(uint64_t pa, unsigned level, bool ram)
{
	return pa | (ram ? mmu_normal_attrs : mmu_device_attrs) |
	       (level == 3 ? DESC_PAGE : DESC_BLOCK);
}

static bool mmu_present(uint64_t e)
{
	return e & DESC_VALID;
}

static bool mmu_is_table(uint64_t e, unsigned level)
{
	(void)level;
	return (e & 3) == DESC_TABLE;
}

static const struct idmap_ops mmu_ops = {
	.table = mmu_table,
	.leaf = mmu_leaf,
	.present = mmu_present,
	.is_table = mmu_is_table,
	.addr_mask = DESC_ADDR_MASK,
};

static uint64_t mmu_alloc_table(void)
{
	return page_alloc(1);
}

static uint64_t *mmu_table_ptr(uint64_t pa)
{
	return (uint64_t *)(uintptr_t)pa;
}

/* ID_AA64MMFR0_EL1.PARange (D13.2): physical address bits, capped at 48 (no LPA2 here). */
static unsigned mmu_parange_bits(unsigned *ips)
{
	unsigned r = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	if (r > 5)
		r = 5;
	*ips = r;
	return idmap_parange_bits(r);
}

int arch_mmu_init(const struct boot_info *bi)
{
	unsigned ips;
	int err;

	if (!aarch64_regime.checked)
		aarch64_regime_detect();
	/* Stage 1 must be 4 KiB capable (ID_AA64MMFR0_EL1.TGran4 = 0 or 1). */
	if (((read_sysreg(id_aa64mmfr0_el1) >> 28) & 0xf) == 0xf)
		return -EOPNOTSUPP;
	mmu_pa_bits = mmu_parange_bits(&ips);

	bool el2_single = aarch64_at_el2() && !aarch64_regime.vhe;
	mmu_normal_attrs = DESC_ATTRIDX(MAIR_NORMAL_WB) | DESC_SH_INNER | DESC_AF;
	mmu_device_attrs = DESC_ATTRIDX(MAIR_DEVICE_nGnRE) | DESC_AF | DESC_UXN;
	if (el2_single) {
		mmu_normal_attrs |= DESC_AP_EL2_RES1;
		mmu_device_attrs |= DESC_AP_EL2_RES1;
	} else {
		mmu_normal_attrs |= DESC_UXN; /* never executable at EL0 */
		mmu_device_attrs |= DESC_PXN;
	}

	uint64_t t0 = arch_counter_read();
	unsigned clipped;
	memset(&mmu_map, 0, sizeof(mmu_map));
	mmu_map.ops = &mmu_ops;
	mmu_map.gib_leaves = true; /* 4 KiB granule: level 1 blocks always exist (D5.2) */
	mmu_map.pa_top = 1ull << mmu_pa_bits;
	mmu_map.alloc_table = mmu_alloc_table;
	mmu_map.table_ptr = mmu_table_ptr;
	mmu_map.ram = mmu_ram;
	mmu_map.ram_count = mem_ranges_collect(bi->regions, bi->region_count, mem_ranges_type_ram,
					       mmu_ram, BOOT_MAX_REGIONS, 0);
	unsigned n = idmap_plan(bi->regions, bi->region_count, MMU_FLOOR, mmu_map.pa_top, mmu_plan,
				&clipped);
	err = idmap_init(&mmu_map);
	for (unsigned i = 0; !err && i < n; i++)
		err = idmap_map(&mmu_map, mmu_plan[i].base, mmu_plan[i].end);
	if (err)
		return err;
	if (clipped)
		kprintf("# mmu: %u memory-map region(s) reach past the %u-bit physical address "
			"width; mapped up to it\n",
			clipped, mmu_pa_bits);

	uint64_t root = mmu_map.root;
	uint64_t tcr = TCR_T0SZ(48) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K;
	if (el2_single) {
		tcr |= TCR_EL2_RES1 | ((uint64_t)ips << TCR_EL2_PS_SHIFT);
		aarch64_mmu_switch_el2(root, tcr, MAIR_VALUE);
	} else {
		tcr |= TCR_EPD1 | TCR_TG1_4K | ((uint64_t)ips << TCR_IPS_SHIFT);
		if (aarch64_at_el2())
			aarch64_mmu_switch_el2(root, tcr, MAIR_VALUE);
		else
			aarch64_mmu_switch_el1(root, tcr, MAIR_VALUE);
	}
	mmu_built = true;
	if (!arch_mmu_is_own())
		return -EIO;
	uint64_t top = n ? mmu_plan[n - 1].end : 0;
	uint64_t took = arch_counter_read() - t0;
	fact("arm64.el", "%u%s", aarch64_regime.el, aarch64_regime.vhe ? " (VHE)" : "");
	fact("mmu.pa_bits", "%u", mmu_pa_bits);
	fact("mmu.page_1g", "1");
	fact("mmu.mapped_top", "0x%llx", (unsigned long long)top);
	fact("mmu.mapped_ranges", "%u", n);
	fact("mmu.table_pages", "%u", mmu_map.table_pages);
	fact("mmu.build_us", "%llu", (unsigned long long)(took * 1000000 / arch_counter_hz()));
	return 0;
}

uint64_t arch_mmu_root(void)
{
	uint64_t ttbr = aarch64_at_el2() ? read_sysreg(ttbr0_el2) : read_sysreg(ttbr0_el1);
	return ttbr & DESC_ADDR_MASK & ~1ull;
}

bool arch_mmu_is_own(void)
{
	return mmu_built && arch_mmu_root() == mmu_map.root;
}

uint64_t aarch64_mmu_unmapped_addr(void)
{
	/* The first 1 GiB left out above the floor (asked when needed: BARs are mapped later). */
	uint64_t a = mmu_built ? idmap_first_hole(&mmu_map, MMU_FLOOR, mmu_map.pa_top) : 0;
	/* Before our tables: an address far above anything QEMU virt maps. */
	return a ? a + 0x5a0 : 0x0000ff80000005a0ull;
}

int arch_mmio_map(uint64_t phys, uint64_t size)
{
	uint64_t end = phys + size;
	if (!mmu_built || !size || end < phys || end > mmu_map.pa_top)
		return -ERANGE;
	int err = idmap_map(&mmu_map, phys, end); /* only what is not mapped yet */
	/* Invalid -> valid needs no TLB maintenance: make the new entries visible to the walker. */
	__asm__ volatile("dsb ishst\n\tisb" ::: "memory");
	return err;
}
