/* SPDX-License-Identifier: MIT */
/*
 * LPI tables (Arm IHI 0069H §5.1): one configuration (property) table
 * shared by every redistributor, one byte per LPI (priority in bits 7:2,
 * bit 1 RES1, bit 0 enable), and one pending table per redistributor, a
 * bit per INTID, 64 KiB aligned, zero when handed over (PTZ). The tables
 * are asked for as Inner Shareable write-back; a redistributor that reads
 * back Non-shareable does not snoop: the register is rewritten
 * Non-cacheable and each configuration write is then cleaned to the point
 * of coherency (§12.10.21 GICR_PROPBASER, §12.10.22 GICR_PENDBASER;
 * gic_baser_attr.c). The pending table is only written by the CPU when it
 * is handed over (zeroed): it is cleaned then, whatever the attributes.
 * The GIC caches configuration: a change takes effect after an INV (here
 * by the ITS's INV command; GICR_INVLPIR needs DirectLPI).
 */
#include <string.h>

#include "drivers/irqchip/gic.h"

#include "arch/hooks.h"
#include "drivers/irqchip/gic_baser_attr.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"

#define LPI_PROP_PRIO    0xa0 /* below the SGIs' 0x80 */
#define LPI_PROP_RES1    (1u << 1)
#define LPI_PROP_ENABLE  (1u << 0)
#define LPI_ID_BITS_MAX  14 /* INTIDs up to 16383: GIC_LPI_BASE + GIC_LPI_COUNT */
#define PENDBASER_PTZ    (1ull << 62)
#define PEND_ALIGN_PAGES 16 /* 64 KiB */

static uint8_t *lpi_prop;
static unsigned lpi_bits;
static bool lpi_prop_clean; /* the redistributors do not snoop: clean each write */
static uint64_t lpi_propbaser_read, lpi_pendbaser_read;

unsigned lpi_id_bits(void)
{
	return lpi_bits;
}

uint32_t lpi_end(void)
{
	uint32_t top = lpi_bits ? 1u << lpi_bits : GIC_LPI_BASE;
	return top < GIC_LPI_BASE + GIC_LPI_COUNT ? top : GIC_LPI_BASE + GIC_LPI_COUNT;
}

static unsigned lpi_pages(uint64_t bytes)
{
	return (unsigned)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
}

int lpi_tables_init(unsigned dist_bits)
{
	if (dist_bits < 14)
		return -ENODEV; /* no LPI space above 8191 */
	lpi_bits = dist_bits < LPI_ID_BITS_MAX ? dist_bits : LPI_ID_BITS_MAX;
	uint64_t size = (1ull << lpi_bits) - GIC_LPI_BASE;
	paddr_t p = page_alloc(lpi_pages(size));
	if (!p)
		return -ENOMEM;
	lpi_prop = (uint8_t *)(uintptr_t)p;
	memset(lpi_prop, LPI_PROP_PRIO | LPI_PROP_RES1, size);
	arch_mb();
	return 0;
}

void lpi_config_set(uint32_t intid, bool enable)
{
	if (!lpi_prop || intid < GIC_LPI_BASE || intid >= lpi_end())
		return;
	uint8_t *b = &lpi_prop[intid - GIC_LPI_BASE];
	*b = LPI_PROP_PRIO | LPI_PROP_RES1 | (enable ? LPI_PROP_ENABLE : 0);
	if (lpi_prop_clean)
		arch_dcache_clean(b, 1);
	arch_wmb();
}

uint8_t lpi_config_get(uint32_t intid)
{
	if (!lpi_prop || intid < GIC_LPI_BASE || intid >= lpi_end())
		return 0;
	return *(volatile uint8_t *)&lpi_prop[intid - GIC_LPI_BASE];
}

/*
 * Write a GICR_PROPBASER / GICR_PENDBASER value, apply the shareability
 * fallback (rewritten Non-cacheable when it reads back Non-shareable) and
 * return what the register holds; *clean is set when the redistributor
 * does not snoop.
 */
static uint64_t lpi_baser_program(uint64_t reg, uint64_t v, bool *clean)
{
	gic_write64(reg, v);
	uint64_t back = gic_read64(reg);
	struct gic_baser_attr a = gic_baser_attr_decide(GIC_BASER_LAYOUT_GICR, v, back);
	if (a.rewrite) {
		gic_write64(reg, a.value);
		back = gic_read64(reg);
	}
	if (a.clean)
		*clean = true;
	return back;
}

int lpi_redist_enable(struct gic_redist *r)
{
	uint64_t rd = r->rd_base;
	if (!lpi_prop)
		return -ENODEV;
	if (!(gic_read64(rd + GICR_TYPER) & GICR_TYPER_PLPIS))
		return -ENODEV;
	/* PROPBASER/PENDBASER may not change once EnableLPIs is set (§12.10.3). */
	if (gic_read32(rd + GICR_CTLR) & GICR_CTLR_ENABLE_LPIS)
		return -EBUSY;
	if (!r->pend_table) {
		uint64_t bytes = (1ull << lpi_bits) / 8;
		unsigned pages = lpi_pages(bytes);
		r->pend_table = page_alloc_aligned(pages, PEND_ALIGN_PAGES);
		if (!r->pend_table)
			return -ENOMEM;
		/* Zeroed by the allocator through the cache: clean it for a non-snooping GIC. */
		arch_dcache_clean((const void *)(uintptr_t)r->pend_table, bytes);
	}
	uint64_t prop = gic_baser_attr_request(GIC_BASER_LAYOUT_GICR,
					       (uint64_t)(uintptr_t)lpi_prop | (lpi_bits - 1));
	lpi_propbaser_read = lpi_baser_program(rd + GICR_PROPBASER, prop, &lpi_prop_clean);
	bool pend_clean = false;
	uint64_t pend =
		gic_baser_attr_request(GIC_BASER_LAYOUT_GICR, r->pend_table | PENDBASER_PTZ);
	lpi_pendbaser_read = lpi_baser_program(rd + GICR_PENDBASER, pend, &pend_clean);
	if (lpi_prop_clean)
		arch_dcache_clean(lpi_prop, (1ull << lpi_bits) - GIC_LPI_BASE);
	arch_mb();
	gic_write32(rd + GICR_CTLR, gic_read32(rd + GICR_CTLR) | GICR_CTLR_ENABLE_LPIS);
	arch_mb();
	return gic_read32(rd + GICR_CTLR) & GICR_CTLR_ENABLE_LPIS ? 0 : -EIO;
}

void gic_redist_report(void)
{
	fact("gic.lpi_id_bits", "%u", lpi_bits);
	fact("gic.lpi_range", "%u-%u", GIC_LPI_BASE, lpi_end() - 1);
	fact("gic.propbaser", "0x%llx", (unsigned long long)lpi_propbaser_read);
	fact("gic.pendbaser", "0x%llx", (unsigned long long)lpi_pendbaser_read);
	fact("gic.prop_clean", "%u", lpi_prop_clean ? 1 : 0);
}
