/* SPDX-License-Identifier: MIT */
/*
 * The SPI domain: wired interrupts on arm64, a bottom domain beside the LPI
 * domain (docs/architecture.md, "The interrupt domain stack"). hwirq is the INTID, which on GICv3 is the GSIV the
 * ACPI tables give (an SPI: 32 up to GICD_TYPER.ITLinesNumber's top, at
 * most 1019). The caller names it in irq_alloc_info.index: a wired line is
 * not chosen, it is where the board wired it. One shared reverse map, as
 * for LPIs; the distributor routes each SPI to one CPU by GICD_IROUTER
 * (IHI 0069H §12.9, affinity routing: ARE is on, gic_dist.c).
 *
 * activate: edge-triggered (GICD_ICFGR; the IORT gives no trigger for an
 * SMMUv3's lines and QEMU pulses them; Linux's IORT code registers them
 * edge too), priority GIC_PRIO_SPI, Non-secure Group 1 as every other
 * interrupt doorbell takes, routed to the target's affinity; enabled only
 * while unmasked. mask/unmask: GICD_ICENABLER/ISENABLER, the disable waited
 * on by GICD_CTLR.RWP (§12.9.4). set_affinity rewrites GICD_IROUTER and is
 * DONE (nothing above holds a message). No compose: a wired line has no
 * message (the core then writes none). deactivate disables the SPI and
 * clears a pending edge. Every op runs under the irq core lock, which also
 * serialises the read-modify-writes of the shared GICD registers.
 */
#include <stdio.h>
#include <string.h>

#include "drivers/irqchip/gic.h"

#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_domain.h"

#define SPI_COUNT (GIC_SPI_LIMIT - GIC_SPI_BASE)

struct spi_irq {
	bool masked;   /* irq_mask's view: stays disabled while set */
	bool active;   /* activated: configured and routed */
	bool staged;   /* set_affinity waiting for commit or revert */
	irq_cpu_t old; /* the CPU before a staged move */
};

static struct irq_domain spi_dom;
static bool spi_dom_ready;
static uint32_t spi_end; /* one past the highest INTID this distributor has */
static virq_t spi_revmap[SPI_COUNT];
static struct spi_irq spi_irq[IRQ_NR_VIRQS];
static unsigned spi_rwp_timeouts;

struct irq_domain *spi_domain(void)
{
	return spi_dom_ready ? &spi_dom : 0;
}

static bool spi_valid(uint32_t intid)
{
	return intid >= GIC_SPI_BASE && intid < spi_end;
}

static uint64_t spi_reg(uint32_t off)
{
	return gic_dist_base() + off;
}

static uint32_t spi_bit(uint32_t intid)
{
	return 1u << (intid % 32);
}

static bool spi_test(uint32_t bank_off, uint32_t intid)
{
	return (gic_read32(spi_reg(bank_off + 4 * (intid / 32))) & spi_bit(intid)) != 0;
}

/* GICD_ICENABLER, then RWP: the SPI can no longer be signalled (§12.9.4). */
static void spi_disable(uint32_t intid)
{
	gic_write32(spi_reg(GICD_ICENABLER(intid / 32)), spi_bit(intid));
	if (gic_dist_wait_rwp() && spi_rwp_timeouts++ == 0)
		kprintf("# gic: GICD_CTLR.RWP stayed set after disabling SPI %u\n", intid);
}

static void spi_enable(uint32_t intid)
{
	arch_wmb(); /* the configuration before the enable */
	gic_write32(spi_reg(GICD_ISENABLER(intid / 32)), spi_bit(intid));
}

/* GICD_IROUTER: Aff3.Aff2.Aff1.Aff0 of cpu, Interrupt_Routing_Mode 0 (that PE only). */
static void spi_route(uint32_t intid, irq_cpu_t cpu)
{
	struct gic_redist *r = gic_redist_of(cpu.v);
	gic_write64(spi_reg(GICD_IROUTER(intid)), r ? r->mpidr : 0);
}

static void spi_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		if (!data || !data->chip_data)
			continue;
		spi_disable(data->hwirq.v);
		irq_domain_revmap_clear(d, IRQ_CPU(0), data->hwirq, v);
		data->chip_data = 0;
		data->cpu = IRQ_CPU_NONE;
	}
}

/* INTIDs info->index .. + nr - 1: -EINVAL outside the SPIs, -EBUSY when one is taken. */
static int spi_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		     const struct irq_alloc_info *info)
{
	if (!info)
		return -EINVAL;
	irq_cpu_t cpu = irq_cpu_eq(info->cpu, IRQ_CPU_ANY) ? IRQ_CPU(0) : info->cpu;
	if (!irq_cpu_online(cpu) || !gic_redist_of(cpu.v))
		return -EINVAL;
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		uint32_t intid = info->index.v + i;
		int err = data && spi_valid(intid) ? 0 : -EINVAL;
		if (!err)
			err = irq_domain_revmap_set(d, IRQ_CPU(0), HWIRQ(intid),
						    v); /* -EBUSY: taken */
		if (err) {
			spi_free(d, virq, i);
			return err;
		}
		data->hwirq = HWIRQ(intid);
		data->cpu = cpu;
		data->chip_data = &spi_irq[v.v];
		spi_irq[v.v] = (struct spi_irq){.masked = true};
	}
	return 0;
}

static int spi_activate(struct irq_data *data)
{
	struct spi_irq *st = data->chip_data;
	uint32_t id = data->hwirq.v;
	spi_disable(id); /* ICFGR may change only while the SPI is disabled */
	uint64_t cfg = spi_reg(GICD_ICFGR(id / 16));
	gic_write32(cfg, gic_read32(cfg) | 2u << (2 * (id % 16))); /* Int_config[1] = edge */
	*(volatile uint8_t *)(uintptr_t)spi_reg(GICD_IPRIORITYR + id) = GIC_PRIO_SPI;
	uint64_t grp = spi_reg(GICD_IGROUPR(id / 32)), mod = spi_reg(GICD_IGRPMODR(id / 32));
	gic_write32(grp, gic_read32(grp) | spi_bit(id));
	gic_write32(mod, gic_read32(mod) & ~spi_bit(id));
	spi_route(id, data->cpu);
	st->active = true;
	if (!st->masked)
		spi_enable(id);
	return 0;
}

static void spi_deactivate(struct irq_data *data)
{
	struct spi_irq *st = data->chip_data;
	spi_disable(data->hwirq.v);
	gic_write32(spi_reg(GICD_ICPENDR(data->hwirq.v / 32)), spi_bit(data->hwirq.v));
	st->active = false;
}

static void spi_mask(struct irq_data *data)
{
	struct spi_irq *st = data->chip_data;
	st->masked = true;
	spi_disable(data->hwirq.v);
}

static void spi_unmask(struct irq_data *data)
{
	struct spi_irq *st = data->chip_data;
	st->masked = false;
	if (st->active)
		spi_enable(data->hwirq.v);
}

/* Linux's gic_set_affinity: an enabled SPI is disabled around the IROUTER write. */
static void spi_reroute(struct irq_data *data)
{
	struct spi_irq *st = data->chip_data;
	if (!st->active)
		return;
	bool on = spi_test(GICD_ISENABLER(0), data->hwirq.v);
	if (on)
		spi_disable(data->hwirq.v);
	spi_route(data->hwirq.v, data->cpu);
	if (on)
		spi_enable(data->hwirq.v);
}

static int spi_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	struct spi_irq *st = data->chip_data;
	if (!irq_cpu_online(cpu) || !gic_redist_of(cpu.v))
		return -EINVAL;
	st->old = data->cpu;
	st->staged = true;
	data->cpu = cpu;
	spi_reroute(data);
	return IRQ_SET_AFFINITY_DONE;
}

static void spi_set_affinity_commit(struct irq_data *data)
{
	struct spi_irq *st = data->chip_data;
	st->staged = false;
}

static void spi_set_affinity_revert(struct irq_data *data)
{
	struct spi_irq *st = data->chip_data;
	if (st->staged) {
		data->cpu = st->old;
		spi_reroute(data);
	}
	st->staged = false;
}

static int spi_show(const struct irq_data *data, char *buf, size_t size)
{
	struct arch_wired_irq_hw hw;
	spi_domain_hw(data->hwirq.v, &hw);
	return snprintf(buf, size, "cpu %u spi %u irouter 0x%llx %s%s%s", data->cpu.v,
			data->hwirq.v, (unsigned long long)hw.target, hw.edge ? "edge" : "level",
			hw.enabled ? " enabled" : "", hw.pending ? " pending" : "");
}

static const struct irq_domain_ops spi_domain_ops = {
	.alloc = spi_alloc,
	.free = spi_free,
	.activate = spi_activate,
	.deactivate = spi_deactivate,
	.set_affinity = spi_set_affinity,
	.set_affinity_commit = spi_set_affinity_commit,
	.set_affinity_revert = spi_set_affinity_revert,
	.mask = spi_mask,
	.unmask = spi_unmask,
	.show = spi_show,
};

/* After gic_dist_init: the SPIs it disabled are this domain's to hand out. */
int spi_domain_create(void)
{
	spi_end = gic_dist_spi_end();
	if (spi_end <= GIC_SPI_BASE)
		return -ENODEV;
	struct irq_domain_info info = {
		.name = "spi",
		.kind = IRQ_DOMAIN_KIND_WIRED,
		.ops = &spi_domain_ops,
		.revmap = spi_revmap,
		.revmap_base = GIC_SPI_BASE,
		.revmap_size = spi_end - GIC_SPI_BASE,
		.revmap_cpus = 1,
	};
	int err = irq_domain_create(&spi_dom, &info);
	spi_dom_ready = !err;
	return err;
}

/* --- for the arch's wired-interrupt hooks ---------------------------------- */

int spi_domain_raise(uint32_t gsiv)
{
	if (!spi_dom_ready)
		return -EOPNOTSUPP;
	if (!spi_valid(gsiv))
		return -EINVAL;
	gic_write32(spi_reg(GICD_ISPENDR(gsiv / 32)), spi_bit(gsiv));
	return 0;
}

/*
 * The distributor's view of one SPI: GICD_ISENABLER, GICD_ISPENDR, GICD_ICFGR,
 * GICD_IGROUPR (Group 1: an ordinary IRQ at EL1), GICD_IPRIORITYR and
 * GICD_IROUTER (the target's affinity), IHI 0069H §12.9.
 */
int spi_domain_hw(uint32_t gsiv, struct arch_wired_irq_hw *hw)
{
	memset(hw, 0, sizeof(*hw));
	if (!spi_dom_ready)
		return -EOPNOTSUPP;
	if (!spi_valid(gsiv))
		return -EINVAL;
	hw->enabled = spi_test(GICD_ISENABLER(0), gsiv);
	hw->pending = spi_test(GICD_ISPENDR(0), gsiv);
	hw->normal = spi_test(GICD_IGROUPR(0), gsiv);
	hw->edge = (gic_read32(spi_reg(GICD_ICFGR(gsiv / 16))) >> (2 * (gsiv % 16))) & 2;
	hw->priority = *(volatile uint8_t *)(uintptr_t)spi_reg(GICD_IPRIORITYR + gsiv);
	hw->target = gic_read64(spi_reg(GICD_IROUTER(gsiv)));
	return 0;
}
