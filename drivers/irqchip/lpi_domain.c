/* SPDX-License-Identifier: MIT */
/*
 * The LPI domain: the bottom of the arm64 interrupt stack (docs/architecture.md,
 * "The interrupt domain stack").
 * An LPI INTID is global (one number, whichever CPU takes it), so the
 * reverse map is shared by all CPUs; the CPU an LPI reaches is chosen by
 * the ITS collection above, and this level only records it. alloc picks
 * the target (info->cpu, or the online CPUs in turn) and an INTID from
 * GIC_LPI_BASE; activate enables the LPI in the property table, and once
 * the level above routes it (lpi_domain_route: the ITS mapped an event to
 * it) this level invalidates the cached configuration through that route
 * itself (INV, §5.3.11); set_affinity stages the new CPU and says
 * UPDATE_MSG: the LPI stays the same, the level above moves it (MOVI).
 * Without an ITS the domain composes no message: an LPI is reached only
 * through an ITS or, for tests, arch_irq_send_ipi's relay.
 */
#include <stdio.h>
#include <string.h>

#include "drivers/irqchip/gic.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_domain.h"
#include "kernel/irq/irq_idalloc.h"

struct lpi_irq {
	irq_cpu_t old_cpu;
	bool staged;
	const struct lpi_route *route; /* how the redistributors are reached; NULL: not routed */
};

static struct irq_domain lpi_dom;
static bool lpi_dom_ready;
static virq_t lpi_revmap[GIC_LPI_COUNT];
static struct irq_idalloc lpi_ids; /* [GIC_LPI_BASE, lpi_end()) */
static uint64_t lpi_id_map[IRQ_IDALLOC_WORDS(GIC_LPI_COUNT)];
static struct lpi_irq lpi_irq[IRQ_NR_VIRQS];
static unsigned lpi_rr; /* round robin over the online CPUs */

struct irq_domain *lpi_domain(void)
{
	return lpi_dom_ready ? &lpi_dom : 0;
}

/* info->cpu when online; any: the next online CPU after the last one picked. */
static int lpi_pick_cpu(irq_cpu_t want, irq_cpu_t *cpu)
{
	if (!irq_cpu_eq(want, IRQ_CPU_ANY)) {
		if (!irq_cpu_online(want))
			return -EINVAL;
		*cpu = want;
		return 0;
	}
	irq_cpumask_t m = irq_cpu_online_mask();
	for (unsigned k = 0; k < IRQ_MAX_CPUS; k++) {
		unsigned c = (lpi_rr + k) % IRQ_MAX_CPUS;
		if (irq_cpumask_test(m, IRQ_CPU(c))) {
			lpi_rr = c + 1;
			*cpu = IRQ_CPU(c);
			return 0;
		}
	}
	return -EINVAL;
}

static void lpi_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		if (!data || !data->chip_data)
			continue;
		lpi_config_set(data->hwirq.v, false);
		irq_domain_revmap_clear(d, IRQ_CPU(0), data->hwirq, v);
		irq_idalloc_free(&lpi_ids, data->hwirq.v);
		data->chip_data = 0;
		data->cpu = IRQ_CPU_NONE;
	}
}

static int lpi_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		     const struct irq_alloc_info *info)
{
	irq_cpu_t want = info ? info->cpu : IRQ_CPU_ANY;
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		irq_cpu_t cpu;
		uint32_t intid;
		int err = data ? lpi_pick_cpu(want, &cpu) : -EINVAL;
		if (!err)
			err = irq_idalloc_alloc(&lpi_ids, &intid);
		if (!err) {
			err = irq_domain_revmap_set(d, IRQ_CPU(0), HWIRQ(intid), v);
			if (err)
				irq_idalloc_free(&lpi_ids, intid);
		}
		if (err) {
			lpi_free(d, virq, i);
			return err;
		}
		data->hwirq = HWIRQ(intid);
		data->cpu = cpu;
		data->chip_data = &lpi_irq[v.v];
		memset(&lpi_irq[v.v], 0, sizeof(lpi_irq[v.v]));
	}
	return 0;
}

/* The redistributors cache the configuration: a change counts once invalidated (§5.3.11). */
static int lpi_config_update(struct irq_data *data, bool enable)
{
	struct lpi_irq *st = data->chip_data;
	lpi_config_set(data->hwirq.v, enable);
	return st->route ? st->route->inv(st->route) : 0;
}

static int lpi_activate(struct irq_data *data)
{
	return lpi_config_update(data, true);
}

int lpi_domain_route(struct irq_data *lpi, const struct lpi_route *r)
{
	struct lpi_irq *st = lpi->chip_data;
	if (!st || !r)
		return -EINVAL;
	st->route = r;
	int err = r->inv(r); /* what activate wrote, before anything was routed */
	if (err)
		st->route = 0;
	return err;
}

void lpi_domain_unroute(struct irq_data *lpi)
{
	struct lpi_irq *st = lpi->chip_data;
	if (st)
		st->route = 0;
}

static void lpi_deactivate(struct irq_data *data)
{
	lpi_config_set(data->hwirq.v, false);
}

static int lpi_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	struct lpi_irq *st = data->chip_data;
	if (!irq_cpu_online(cpu))
		return -EINVAL;
	st->old_cpu = data->cpu;
	st->staged = true;
	data->cpu = cpu;
	return IRQ_SET_AFFINITY_UPDATE_MSG;
}

static void lpi_set_affinity_commit(struct irq_data *data)
{
	struct lpi_irq *st = data->chip_data;
	st->staged = false;
}

static void lpi_set_affinity_revert(struct irq_data *data)
{
	struct lpi_irq *st = data->chip_data;
	if (st->staged)
		data->cpu = st->old_cpu;
	st->staged = false;
}

static int lpi_show(const struct irq_data *data, char *buf, size_t size)
{
	return snprintf(buf, size, "cpu %u lpi %u prop 0x%02x", data->cpu.v, data->hwirq.v,
			lpi_config_get(data->hwirq.v));
}

static const struct irq_domain_ops lpi_domain_ops = {
	.alloc = lpi_alloc,
	.free = lpi_free,
	.activate = lpi_activate,
	.deactivate = lpi_deactivate,
	.set_affinity = lpi_set_affinity,
	.set_affinity_commit = lpi_set_affinity_commit,
	.set_affinity_revert = lpi_set_affinity_revert,
	.show = lpi_show,
};

int lpi_domain_create(void)
{
	irq_idalloc_init(&lpi_ids, lpi_id_map, GIC_LPI_BASE, lpi_end() - GIC_LPI_BASE);
	struct irq_domain_info info = {
		.name = "lpi",
		.kind = IRQ_DOMAIN_KIND_LPI,
		.ops = &lpi_domain_ops,
		.revmap = lpi_revmap,
		.revmap_base = GIC_LPI_BASE,
		.revmap_size = GIC_LPI_COUNT,
		.revmap_cpus = 1,
	};
	int err = irq_domain_create(&lpi_dom, &info);
	lpi_dom_ready = !err;
	return err;
}
