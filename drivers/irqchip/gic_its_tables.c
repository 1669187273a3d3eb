/* SPDX-License-Identifier: MIT */
/*
 * The ITS's memory tables (Arm IHI 0069H §12.19.1 GITS_BASER<n>): the
 * device table must cover every DeviceID the ITS accepts (GITS_TYPER.Devbits),
 * the collection table the ICIDs doorbell uses (one per CPU). Each BASER
 * says which table it is (Type), how large an entry is (Entry_Size) and
 * its page size (Page_Size), all honoured here. As Linux does, a table that
 * needs more than one page flat is made two-level when the ITS allows it
 * (Indirect sticks): level 1 holds 8-byte entries (bit 63 valid, the
 * address of a level-2 page), level-2 pages are allocated as DeviceIDs
 * are mapped. BASER.Size is 8 bits: a table of more than 256 pages cannot
 * be described, so the table then covers fewer DeviceIDs than Devbits
 * allows (gic_its_plan.c; a DeviceID beyond is -ERANGE). Shareability and
 * cacheability follow gic_baser_attr.c: a table the ITS reads back
 * Non-shareable is made Non-cacheable and cleaned.
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/irqchip/gic_baser_attr.h"
#include "drivers/irqchip/gic_its.h"
#include "drivers/irqchip/gic_its_plan.h"
#include "drivers/irqchip/gic_its_regs.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"

#define ITS_BASER_COUNT 8

static uint64_t its_r64(const struct gic_its *its, unsigned off)
{
	return *(volatile uint64_t *)(uintptr_t)(its->base + off);
}

static void its_w64(const struct gic_its *its, unsigned off, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)(its->base + off) = v;
}

static unsigned its_psz_bytes(unsigned code)
{
	return code == 0 ? 4096 : code == 1 ? 16384 : 65536;
}

static uint64_t its_baser_value(const struct gic_its_table *t, uint64_t keep, unsigned psz_code)
{
	uint64_t v = GITS_BASER_VALID | (t->indirect ? GITS_BASER_INDIRECT : 0) | keep |
		     ((uint64_t)psz_code << GITS_BASER_PSZ_SHIFT) | (t->phys & 0xfffffffff000ull) |
		     (uint64_t)(t->pages - 1);
	return gic_baser_attr_request(GIC_BASER_LAYOUT_ITS, v);
}

/* Program the BASER of `type` for id_bits of IDs: 0, -ENODEV (none of the type), -ENOMEM, -EIO. */
static int its_table_setup(struct gic_its *its, struct gic_its_table *t, unsigned type,
			   unsigned id_bits, bool force_flat)
{
	memset(t, 0, sizeof(*t));
	t->baser = ~0u;
	for (unsigned n = 0; n < ITS_BASER_COUNT; n++) {
		uint64_t v = its_r64(its, GITS_BASER(n));
		if (GITS_BASER_TYPE(v) == type) {
			t->baser = n;
			t->value = v;
			break;
		}
	}
	if (t->baser == ~0u)
		return -ENODEV;
	unsigned psz_code = GITS_BASER_PSZ(t->value);
	uint64_t keep = t->value & GITS_BASER_KEEP;
	t->page_size = its_psz_bytes(psz_code);
	t->entry_size = GITS_BASER_ESIZE(t->value);
	if (!force_flat && gic_its_table_wants_two_level(t->page_size, t->entry_size, id_bits)) {
		/* Does the ITS take two-level tables? Indirect is RAZ/WI where it does not. */
		its_w64(its, GITS_BASER(t->baser), keep | GITS_BASER_INDIRECT);
		t->indirect = (its_r64(its, GITS_BASER(t->baser)) & GITS_BASER_INDIRECT) != 0;
	}
	struct gic_its_table_plan plan;
	int err = gic_its_table_plan(t->page_size, t->entry_size, id_bits, t->indirect, &plan);
	if (err)
		return err;
	t->pages = plan.pages;
	unsigned ppp = t->page_size / PAGE_SIZE;
	t->phys = page_alloc_aligned(t->pages * ppp, ppp);
	if (!t->phys)
		return -ENOMEM;
	t->ids = plan.ids;
	uint64_t v = its_baser_value(t, keep, psz_code);
	its_w64(its, GITS_BASER(t->baser), v);
	t->value = its_r64(its, GITS_BASER(t->baser));
	struct gic_baser_attr attr = gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, v, t->value);
	if (attr.rewrite) {
		its_w64(its, GITS_BASER(t->baser), attr.value);
		t->value = its_r64(its, GITS_BASER(t->baser));
	}
	if (attr.clean)
		its->clean = true;
	if (!(t->value & GITS_BASER_VALID) || GITS_BASER_PSZ(t->value) != psz_code) {
		page_free(t->phys, t->pages * ppp);
		t->phys = 0;
		return -EIO;
	}
	if (its->clean)
		arch_dcache_clean((const void *)(uintptr_t)t->phys,
				  (uint64_t)t->pages * t->page_size);
	return 0;
}

int gic_its_tables_init(struct gic_its *its, bool force_flat)
{
	int err = its_table_setup(its, &its->dt, GITS_BASER_TYPE_DEVICE, its->dev_bits, force_flat);
	if (err)
		return err;
	/* One page of collections (ICID = logical CPU) unless the ITS holds them itself. */
	if (GITS_TYPER_HCC(its->typer) >= IRQ_MAX_CPUS)
		return 0;
	unsigned cpu_bits = 1;
	while (gic_its_id_count(cpu_bits) < IRQ_MAX_CPUS)
		cpu_bits++;
	return its_table_setup(its, &its->ct, GITS_BASER_TYPE_COLL, cpu_bits, true);
}

int gic_its_dt_ensure(struct gic_its *its, uint32_t dev_id)
{
	struct gic_its_table *t = &its->dt;
	if (dev_id >= t->ids)
		return -ERANGE;
	if (!t->indirect)
		return 0;
	uint32_t per_page = t->page_size / t->entry_size;
	volatile uint64_t *l1 = (volatile uint64_t *)(uintptr_t)t->phys;
	uint32_t i = dev_id / per_page;
	if (l1[i] & GITS_L1_VALID)
		return 0;
	unsigned ppp = t->page_size / PAGE_SIZE;
	if (t->l2_count >= ITS_L2_MAX)
		return -ENOMEM;
	uint64_t l2 = page_alloc_aligned(ppp, ppp);
	if (!l2)
		return -ENOMEM;
	if (its->clean)
		arch_dcache_clean((const void *)(uintptr_t)l2, t->page_size);
	l1[i] = l2 | GITS_L1_VALID;
	if (its->clean)
		arch_dcache_clean((const void *)&l1[i], GIC_ITS_L1_ENTRY);
	arch_wmb();
	t->l2_count++;
	return 0;
}
