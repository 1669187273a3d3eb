/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_ir.h"

#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"

static unsigned vtd_ir_log2(uint32_t v)
{
	unsigned n = 0;
	while ((1u << n) < v)
		n++;
	return n;
}

int vtd_ir_enable(struct vtd_ir *ir, uint64_t base, uint32_t count, bool eime, bool allow_cfi,
		  const char **what)
{
	memset(ir, 0, sizeof(*ir));
	*what = "unit";
	int err = vtd_unit_init(&ir->unit, base);
	if (err)
		return err;
	const struct vtd_unit *u = &ir->unit;
	*what = "ECAP.IR";
	if (!(u->ecap & VTD_ECAP_IR) || (eime && !(u->ecap & VTD_ECAP_EIM)))
		return -ENODEV;
	*what = "table size";
	if (count < 2 || count > VTD_IR_MAX_ENTRIES || (count & (count - 1)))
		return -EINVAL;
	/* IQA and IRTA are programmed with queued invalidation and remapping off. */
	err = vtd_takeover(u, &ir->takeover, what);
	if (err)
		return err;
	*what = "queued invalidation";
	err = vtd_qi_enable(&ir->qi, u);
	if (err)
		return err;
	*what = "table";
	unsigned pages = (count * sizeof(struct vtd_irte) + PAGE_SIZE - 1) / PAGE_SIZE;
	paddr_t table = page_alloc_aligned(pages, 1); /* zeroed: no entry present */
	if (!table)
		return -ENOMEM;
	ir->table = (volatile struct vtd_irte *)(uintptr_t)table;
	if (!(u->ecap & VTD_ECAP_C))
		arch_dcache_clean((const void *)(uintptr_t)ir->table,
				  (uint64_t)pages * PAGE_SIZE); /* the zeroes, in memory */
	ir->count = count;
	ir->eime = eime;
	/* §11.4.11.1: S = log2(entries) - 1. */
	ir->irta = table | (eime ? VTD_IRTA_EIME : 0) | (vtd_ir_log2(count) - 1);
	vtd_write64(u, VTD_REG_IRTA, ir->irta);
	*what = "GCMD.SIRTP";
	err = vtd_unit_gcmd(u, VTD_GCMD_SIRTP, true);
	if (err)
		return err;
	/* §6.5.2.7: the new table pointer invalidates nothing cached; do it explicitly. */
	*what = "global IEC invalidation";
	err = vtd_qi_iec_global(&ir->qi);
	if (err)
		return err;
	*what = "GCMD.CFI";
	err = vtd_unit_gcmd(u, VTD_GCMD_CFI, allow_cfi);
	if (err)
		return err;
	ir->cfi = allow_cfi;
	*what = "GCMD.IRE";
	err = vtd_unit_gcmd(u, VTD_GCMD_IRE, true);
	if (err)
		return err;
	ir->enabled = true;
	*what = "";
	return 0;
}

static volatile uint64_t *vtd_ir_irte_word(struct vtd_ir *ir, uint32_t index, bool hi)
{
	return hi ? &ir->table[index].hi : &ir->table[index].lo;
}

/* ECAP.C = 0: the unit reads the table without snooping: write the entry back (§11.4.3). */
static void vtd_ir_irte_flush(struct vtd_ir *ir, uint32_t index)
{
	if (!(ir->unit.ecap & VTD_ECAP_C))
		arch_dcache_clean((const void *)(uintptr_t)&ir->table[index],
				  sizeof(struct vtd_irte));
}

/*
 * Write entry index so that the unit never reads a torn one (§9.10: it may
 * read the 128-bit entry at any time, in two halves, unless told otherwise):
 *  - only the low qword changes: one aligned 64-bit store;
 *  - the entry is not present: the high qword first, then the low one with
 *    P (the unit ignores a not-present entry);
 *  - a present entry whose high qword (source-id) changes: one 16-byte
 *    atomic store (Linux's modify_irte uses cmpxchg16b); without one, P is
 *    cleared and invalidated first, so interrupts in that window are
 *    blocked (and faulted unless FPD), never delivered through a mix of the
 *    old and the new entry.
 */
static int vtd_ir_irte_write(struct vtd_ir *ir, uint32_t index, struct vtd_irte e)
{
	struct vtd_irte old = vtd_ir_get(ir, index);
	if (old.hi == e.hi) {
		*vtd_ir_irte_word(ir, index, false) = e.lo;
	} else if (!(old.lo & VTD_IRTE_P)) {
		*vtd_ir_irte_word(ir, index, true) = e.hi;
		arch_wmb();
		*vtd_ir_irte_word(ir, index, false) = e.lo;
	} else if (arch_store128(&ir->table[index], e.lo, e.hi)) {
		ir->atomic128++;
	} else {
		*vtd_ir_irte_word(ir, index, false) = old.lo & ~VTD_IRTE_P;
		vtd_ir_irte_flush(ir, index);
		int err = vtd_qi_iec_index(&ir->qi, index);
		if (err)
			return err;
		*vtd_ir_irte_word(ir, index, true) = e.hi;
		arch_wmb();
		*vtd_ir_irte_word(ir, index, false) = e.lo;
	}
	vtd_ir_irte_flush(ir, index);
	return vtd_qi_iec_index(&ir->qi, index);
}

int vtd_ir_set(struct vtd_ir *ir, uint32_t index, struct vtd_irte e)
{
	if (index >= ir->count)
		return -EINVAL;
	return vtd_ir_irte_write(ir, index, e);
}

int vtd_ir_clear(struct vtd_ir *ir, uint32_t index)
{
	if (index >= ir->count)
		return -EINVAL;
	*vtd_ir_irte_word(ir, index, false) = 0; /* P first */
	arch_wmb();
	*vtd_ir_irte_word(ir, index, true) = 0;
	vtd_ir_irte_flush(ir, index);
	return vtd_qi_iec_index(&ir->qi, index);
}

struct vtd_irte vtd_ir_get(const struct vtd_ir *ir, uint32_t index)
{
	if (index >= ir->count)
		return (struct vtd_irte){0, 0};
	return (struct vtd_irte){.lo = ir->table[index].lo, .hi = ir->table[index].hi};
}
