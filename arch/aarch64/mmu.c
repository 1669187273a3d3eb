/* SPDX-License-Identifier: MIT */
/*
 * Own identity page tables (Arm ARM DDI 0487, D5 "The AArch64 Virtual
 * Memory System Architecture"): 4 KiB granule, 48-bit VA, four levels
 * (L0 512 GiB, L1 1 GiB, L2 2 MiB, L3 4 KiB). RAM from the memory map is
 * Normal write-back, everything else Device-nGnRE; the largest block that
 * is all-RAM or all-device is used. The switch itself is in mmu_switch.S.
 *
 * Covered: [0, MMU_DEVICE_TOP) capped at the PA size (QEMU virt: RAM at
 * 1 GiB, high ECAM at 256 GiB, high PCIe MMIO at 512 GiB..1 TiB), plus the
 * 1 GiB slots of any memory-map region above it. The rest stays unmapped.
 */
#include <stddef.h>
#include <string.h>

#include "arch/aarch64/aarch64.h"
#include "boot/handoff.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"

#define MMU_DEVICE_TOP (1ull << 40)
#define PT_ENTRIES     512
#define L0_SHIFT       39
#define L1_SHIFT       30
#define L2_SHIFT       21
#define L3_SHIFT       12

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

static uint64_t *mmu_root;
static uint64_t mmu_unmapped;
static unsigned mmu_table_pages;
static unsigned mmu_pa_bits;
static uint64_t mmu_normal_attrs, mmu_device_attrs;

/* Merged RAM ranges [base, end) from the memory map, sorted. */
struct mmu_range {
	uint64_t base, end;
};
static struct mmu_range mmu_ram[BOOT_MAX_REGIONS];
static unsigned mmu_ram_count;

static bool mmu_type_is_ram(uint32_t type)
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
	case MEM_ACPI_NVS: return true;
	}
	return false;
}

static void mmu_collect_ram(const struct boot_info *bi)
{
	mmu_ram_count = 0;
	for (uint32_t i = 0; i < bi->region_count && mmu_ram_count < BOOT_MAX_REGIONS; i++) {
		const struct mem_region *r = &bi->regions[i];
		if (!mmu_type_is_ram(r->type) || !r->pages)
			continue;
		struct mmu_range n = {r->base, r->base + r->pages * 4096};
		/* Insert sorted (the map is sorted already; stay correct if not). */
		unsigned j = mmu_ram_count;
		while (j > 0 && mmu_ram[j - 1].base > n.base) {
			mmu_ram[j] = mmu_ram[j - 1];
			j--;
		}
		mmu_ram[j] = n;
		mmu_ram_count++;
	}
	/* Merge touching or overlapping ranges. */
	unsigned out = 0;
	for (unsigned i = 0; i < mmu_ram_count; i++) {
		if (out && mmu_ram[i].base <= mmu_ram[out - 1].end) {
			if (mmu_ram[i].end > mmu_ram[out - 1].end)
				mmu_ram[out - 1].end = mmu_ram[i].end;
		} else {
			mmu_ram[out++] = mmu_ram[i];
		}
	}
	mmu_ram_count = out;
}

bool aarch64_mmu_is_ram(uint64_t addr)
{
	for (unsigned i = 0; i < mmu_ram_count; i++)
		if (addr >= mmu_ram[i].base && addr < mmu_ram[i].end)
			return true;
	return false;
}

enum mmu_kind { MMU_NONE_RAM, MMU_ALL_RAM, MMU_MIXED };

static enum mmu_kind mmu_classify(uint64_t base, uint64_t size)
{
	uint64_t end = base + size, covered = 0;

	for (unsigned i = 0; i < mmu_ram_count; i++) {
		uint64_t b = mmu_ram[i].base > base ? mmu_ram[i].base : base;
		uint64_t e = mmu_ram[i].end < end ? mmu_ram[i].end : end;
		if (b < e)
			covered += e - b;
	}
	if (!covered)
		return MMU_NONE_RAM;
	return covered == size ? MMU_ALL_RAM : MMU_MIXED;
}

static uint64_t *mmu_new_table(void)
{
	paddr_t p = page_alloc(1);
	if (!p)
		return NULL;
	mmu_table_pages++;
	uint64_t *t = (uint64_t *)(uintptr_t)p;
	memset(t, 0, PAGE_SIZE);
	return t;
}

/* The next-level table under *entry, created when missing. */
static uint64_t *mmu_next(uint64_t *entry)
{
	if (*entry & DESC_VALID)
		return (uint64_t *)(uintptr_t)(*entry & DESC_ADDR_MASK);
	uint64_t *t = mmu_new_table();
	if (t)
		*entry = (uint64_t)(uintptr_t)t | DESC_TABLE;
	return t;
}

static uint64_t mmu_leaf(uint64_t pa, bool ram)
{
	return pa | (ram ? mmu_normal_attrs : mmu_device_attrs);
}

/* Fills one 1 GiB slot of L1 table l1. */
static int mmu_map_gib(uint64_t *l1, uint64_t base)
{
	uint64_t *e1 = &l1[(base >> L1_SHIFT) % PT_ENTRIES];
	enum mmu_kind k = mmu_classify(base, 1ull << L1_SHIFT);

	if (*e1 & DESC_VALID)
		return 0; /* done already */
	if (k != MMU_MIXED) {
		*e1 = mmu_leaf(base, k == MMU_ALL_RAM) | DESC_BLOCK;
		return 0;
	}
	uint64_t *l2 = mmu_next(e1);
	if (!l2)
		return -ENOMEM;
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		uint64_t b2 = base + ((uint64_t)i << L2_SHIFT);
		k = mmu_classify(b2, 1ull << L2_SHIFT);
		if (k != MMU_MIXED) {
			l2[i] = mmu_leaf(b2, k == MMU_ALL_RAM) | DESC_BLOCK;
			continue;
		}
		uint64_t *l3 = mmu_next(&l2[i]);
		if (!l3)
			return -ENOMEM;
		for (unsigned j = 0; j < PT_ENTRIES; j++) {
			uint64_t b3 = b2 + ((uint64_t)j << L3_SHIFT);
			l3[j] = mmu_leaf(b3, mmu_classify(b3, 4096) == MMU_ALL_RAM) | DESC_PAGE;
		}
	}
	return 0;
}

static int mmu_map_range(uint64_t base, uint64_t end)
{
	base &= ~((1ull << L1_SHIFT) - 1);
	for (uint64_t a = base; a < end; a += 1ull << L1_SHIFT) {
		uint64_t *l1 = mmu_next(&mmu_root[(a >> L0_SHIFT) % PT_ENTRIES]);
		if (!l1)
			return -ENOMEM;
		int err = mmu_map_gib(l1, a);
		if (err)
			return err;
	}
	return 0;
}

/* ID_AA64MMFR0_EL1.PARange (D13.2): physical address bits, capped at 48 (no LPA2 here). */
static unsigned mmu_parange_bits(unsigned *ips)
{
	static const unsigned bits[] = {32, 36, 40, 42, 44, 48};
	unsigned r = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	if (r > 5)
		r = 5;
	*ips = r;
	return bits[r];
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
	mmu_collect_ram(bi);
	mmu_table_pages = 0;
	mmu_root = mmu_new_table();
	if (!mmu_root)
		return -ENOMEM;

	uint64_t pa_top = mmu_pa_bits >= 64 ? ~0ull : 1ull << mmu_pa_bits;
	uint64_t top = MMU_DEVICE_TOP < pa_top ? MMU_DEVICE_TOP : pa_top;
	err = mmu_map_range(0, top);
	/* Anything the memory map names above that (RAM or MMIO) is mapped too. */
	for (uint32_t i = 0; !err && i < bi->region_count; i++) {
		const struct mem_region *r = &bi->regions[i];
		uint64_t end = r->base + r->pages * 4096;
		if (end > top && r->base < pa_top)
			err = mmu_map_range(r->base > top ? r->base : top,
					    end < pa_top ? end : pa_top);
	}
	if (err)
		return err;

	/* The lowest 512 GiB slot left empty: any access there is a translation fault. */
	mmu_unmapped = 0;
	for (unsigned i = 1; i < PT_ENTRIES; i++) {
		if (!(mmu_root[i] & DESC_VALID)) {
			mmu_unmapped = ((uint64_t)i << L0_SHIFT) + 0x5a0;
			break;
		}
	}

	uint64_t root = (uint64_t)(uintptr_t)mmu_root;
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
	if (!arch_mmu_is_own())
		return -EIO;
	uint64_t took = arch_counter_read() - t0;
	fact("arm64.el", "%u%s", aarch64_regime.el, aarch64_regime.vhe ? " (VHE)" : "");
	fact("arm64.mmu.pa_bits", "%u", mmu_pa_bits);
	fact("arm64.mmu.mapped", "0x0-0x%lx (+ memory-map regions above)", top - 1);
	fact("arm64.mmu.table_pages", "%u", mmu_table_pages);
	fact("arm64.mmu.unmapped_probe", "0x%lx", mmu_unmapped);
	fact("arm64.mmu.build_us", "%lu", took * 1000000 / arch_counter_hz());
	return 0;
}

uint64_t arch_mmu_root(void)
{
	uint64_t ttbr = aarch64_at_el2() ? read_sysreg(ttbr0_el2) : read_sysreg(ttbr0_el1);
	return ttbr & DESC_ADDR_MASK & ~1ull;
}

bool arch_mmu_is_own(void)
{
	return mmu_root && arch_mmu_root() == (uint64_t)(uintptr_t)mmu_root;
}

uint64_t aarch64_mmu_unmapped_addr(void)
{
	/* Before our tables: an address far above anything QEMU virt maps. */
	return mmu_unmapped ? mmu_unmapped : 0x0000ff80000005a0ull;
}

int arch_mmio_map(uint64_t phys, uint64_t size)
{
	uint64_t end = phys + size;
	uint64_t pa_top = mmu_pa_bits >= 64 ? ~0ull : 1ull << mmu_pa_bits;
	if (!mmu_root || !size || end < phys || end > pa_top)
		return -ERANGE;
	int err = mmu_map_range(phys, end); /* 1 GiB slots not yet mapped; device memory */
	/* Invalid -> valid needs no TLB maintenance: make the new entries visible to the walker. */
	__asm__ volatile("dsb ishst\n\tisb" ::: "memory");
	return err;
}
