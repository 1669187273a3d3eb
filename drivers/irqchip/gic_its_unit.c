/* SPDX-License-Identifier: MIT */
/*
 * Bringing one ITS up (Arm IHI 0069H §5.2, §12.19): it must be disabled
 * and quiescent while its tables and queue are programmed (GITS_BASER and
 * GITS_CBASER may be read-only once enabled; QEMU's are), then Enabled is
 * set and each online CPU gets its collection (ICID = logical CPU index)
 * with MAPC, followed by a SYNC. RDbase is the redistributor's physical
 * address when GITS_TYPER.PTA is 1, its processor number otherwise; either
 * goes in bits 51:16 of the command.
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/irqchip/gic.h"
#include "drivers/irqchip/gic_its.h"
#include "drivers/irqchip/gic_its_probe.h"
#include "drivers/irqchip/gic_its_regs.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/time.h"

#define RDBASE_MASK 0x000fffffffff0000ull /* bits 51:16 */

static uint32_t its_r32(const struct gic_its *its, unsigned off)
{
	return *(volatile uint32_t *)(uintptr_t)(its->base + off);
}

static void its_w32(const struct gic_its *its, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(its->base + off) = v;
}

uint64_t gic_its_translater(const struct gic_its *its)
{
	return its->base + GITS_TRANSLATER;
}

int gic_its_rdbase(const struct gic_its *its, unsigned cpu, uint64_t *rdbase)
{
	const struct gic_redist *r = gic_redist_of(cpu);
	if (!r || !irq_cpu_online(IRQ_CPU(cpu)))
		return -EINVAL;
	*rdbase = (its->pta ? r->rd_base : (uint64_t)r->proc << 16) & RDBASE_MASK;
	return 0;
}

/* Disabled and quiescent (§12.19.4: Quiescent = 1 once Enabled is 0 and work drained). */
static int its_disable(struct gic_its *its)
{
	its_w32(its, GITS_CTLR, its_r32(its, GITS_CTLR) & ~GITS_CTLR_ENABLED);
	deadline_t d = deadline_in_us(ITS_WAIT_US);
	while (!(its_r32(its, GITS_CTLR) & GITS_CTLR_QUIESCENT))
		if (deadline_passed(d))
			return -ETIMEDOUT;
	return 0;
}

int gic_its_unit_init(struct gic_its *its, uint64_t base, bool force_flat)
{
	struct gic_its_id id;
	memset(its, 0, sizeof(*its));
	its->base = base;
	int err = gic_its_probe(base, &id);
	if (err)
		return err;
	its->iidr = id.iidr;
	its->typer = id.typer;
	if (!(its->typer & GITS_TYPER_PHYSICAL))
		return -ENODEV;
	its->pta = (its->typer & GITS_TYPER_PTA) != 0;
	its->itt_entry = GITS_TYPER_ITT_ESIZE(its->typer);
	its->dev_bits = GITS_TYPER_DEV_BITS(its->typer);
	its->id_bits = GITS_TYPER_ID_BITS(its->typer);
	err = its_disable(its);
	if (!err)
		err = gic_its_tables_init(its, force_flat);
	if (!err)
		err = gic_its_cmd_init(its);
	if (err)
		return err;
	arch_mb();
	its_w32(its, GITS_CTLR, its_r32(its, GITS_CTLR) | GITS_CTLR_ENABLED);
	if (!(its_r32(its, GITS_CTLR) & GITS_CTLR_ENABLED))
		return -EIO;
	for (unsigned cpu = 0; cpu < arch_cpu_count() && cpu < IRQ_MAX_CPUS; cpu++) {
		uint64_t rdbase;
		err = gic_its_rdbase(its, cpu, &rdbase);
		if (!err)
			err = gic_its_mapc(its, (uint16_t)cpu, rdbase, true);
		if (!err)
			err = gic_its_sync(its, rdbase);
		if (err) {
			its_disable(its); /* nothing half-mapped stays live */
			return err;
		}
		its->collections++;
	}
	return 0;
}
