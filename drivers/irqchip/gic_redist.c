/* SPDX-License-Identifier: MIT */
/*
 * Redistributors (Arm IHI 0069H §12.10-12.11): one per CPU, found by the
 * affinity in GICR_TYPER inside the MADT's GICR ranges (ACPI 6.5
 * §5.2.12.17), or at the GICC entry's own GICR base when the MADT gives
 * no range. A frame is 128 KiB (RD_base, SGI_base), 256 KiB with VLPIs;
 * the walk of a range stops at GICR_TYPER.Last.
 */
#include "drivers/irqchip/gic.h"

#include "arch/hooks.h"
#include "drivers/acpi/acpi_madt.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_types.h"
#include "kernel/time.h"

static struct gic_redist gic_redists[IRQ_MAX_CPUS];

struct gic_redist *gic_redist_of(unsigned cpu)
{
	return cpu < IRQ_MAX_CPUS ? &gic_redists[cpu] : 0;
}

static int gic_redist_typer(uint64_t rd, uint64_t *typer)
{
	uint32_t lo, hi;
	if (arch_probe_read32(rd + GICR_TYPER, &lo) || arch_probe_read32(rd + GICR_TYPER + 4, &hi))
		return -EFAULT;
	*typer = (uint64_t)hi << 32 | lo;
	return 0;
}

static int gic_redist_walk(uint64_t base, uint64_t len, uint32_t aff, uint64_t *rd_base,
			   uint32_t *proc)
{
	for (uint64_t a = base; a + GICR_FRAME_SIZE <= base + len;) {
		uint64_t typer;
		if (gic_redist_typer(a, &typer))
			return -EFAULT;
		if (GICR_TYPER_AFF(typer) == aff) {
			*rd_base = a;
			*proc = GICR_TYPER_PROC(typer);
			return 0;
		}
		if (typer & GICR_TYPER_LAST)
			break;
		a += typer & GICR_TYPER_VLPIS ? GICR_FRAME_SIZE_VLPI : GICR_FRAME_SIZE;
	}
	return -ENODEV;
}

int gic_redist_find(const struct acpi_madt *m, uint64_t mpidr, uint64_t *rd_base, uint32_t *proc)
{
	uint32_t aff = gic_mpidr_aff(mpidr);
	for (unsigned i = 0; m && i < m->gicr_count; i++)
		if (!gic_redist_walk(m->gicr[i].base, m->gicr[i].length, aff, rd_base, proc))
			return 0;
	/* No GICR range: each GICC entry names its CPU's frame (GICR Base Address). */
	for (unsigned i = 0; m && i < m->gicc_count; i++) {
		const struct acpi_madt_gicc *c = &m->gicc[i];
		if (c->gicr_base && gic_mpidr_aff(c->mpidr) == aff &&
		    !gic_redist_walk(c->gicr_base, GICR_FRAME_SIZE, aff, rd_base, proc))
			return 0;
	}
	return -ENODEV;
}

/* GICR_CTLR.RWP: writes to GICR_ICENABLER0 / EnableLPIs took effect (§12.10.3). */
static int gic_redist_wait_rwp(uint64_t rd)
{
	deadline_t d = deadline_in_us(GIC_WAIT_US);
	while (gic_read32(rd + GICR_CTLR) & GICR_CTLR_RWP)
		if (deadline_passed(d))
			return -ETIMEDOUT;
	return 0;
}

int gic_redist_init(struct gic_redist *r)
{
	uint64_t rd = r->rd_base;
	/* Wake it: clear ProcessorSleep, wait for ChildrenAsleep to clear (§12.10.31). */
	gic_write32(rd + GICR_WAKER, gic_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	deadline_t d = deadline_in_us(GIC_WAIT_US);
	while (gic_read32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP)
		if (deadline_passed(d))
			return -ETIMEDOUT;

	/* Every SGI and PPI off and not pending (the firmware's timer PPI included). */
	gic_write32(rd + GICR_ICENABLE0, 0xffffffffu);
	int err = gic_redist_wait_rwp(rd);
	if (err)
		return err;
	gic_write32(rd + GICR_ICPENDR0, 0xffffffffu);
	/* Non-secure Group 1 (§12.11.x IGROUPR0 = 1, IGRPMODR0 = 0). */
	gic_write32(rd + GICR_IGROUPR0, 0xffffffffu);
	gic_write32(rd + GICR_IGRPMODR0, 0);
	volatile uint8_t *prio = (volatile uint8_t *)(uintptr_t)(rd + GICR_IPRIORITY);
	prio[GIC_SGI_CALL] = GIC_PRIO_SGI;
	prio[GIC_SGI_RELAY] = GIC_PRIO_SGI;
	prio[GIC_PPI_VTIMER] = GIC_PRIO_TIMER;
	arch_wmb();
	gic_write32(rd + GICR_ISENABLE0,
		    (1u << GIC_SGI_CALL) | (1u << GIC_SGI_RELAY) | (1u << GIC_PPI_VTIMER));
	return 0;
}
