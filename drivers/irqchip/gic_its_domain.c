/* SPDX-License-Identifier: MIT */
/* ITS remap domain ops (Linux: drivers/irqchip/irq-gic-v3-its.c, much reduced). */
#include "drivers/irqchip/gic_its_domain.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/iommu_msi.h"
#include "kernel/errno.h"

static struct gic_its_domain *its_dom(struct irq_domain *d)
{
	return d->priv;
}

static void its_free_own(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct gic_its_domain *dom = its_dom(d);
	struct gic_its_device *dev = 0;
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		if (!data || !data->chip_data)
			continue;
		struct gic_its_irq *st = data->chip_data;
		gic_its_event_give(st->dev, st->event);
		dev = st->dev;
		data->chip_data = 0;
	}
	gic_its_device_put(dom->its, dev);
}

static int its_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		     const struct irq_alloc_info *info)
{
	struct gic_its_domain *dom = its_dom(d);
	if (!info)
		return -EINVAL;
	struct gic_its_device *dev;
	int err = gic_its_device_get(dom->its, info->ids.device_id, nr, &dev);
	if (err)
		return err;
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		uint32_t event;
		err = data ? gic_its_event_take(dev, &event) : -EINVAL;
		if (err) {
			its_free_own(d, virq, i);
			gic_its_device_put(dom->its, dev); /* when i == 0 */
			return err;
		}
		struct gic_its_irq *st = &dom->irq[v.v];
		memset(st, 0, sizeof(*st));
		st->dev = dev;
		st->event = event;
		st->rid = info->ids.rid;
		data->hwirq = HWIRQ(event);
		data->cpu = IRQ_CPU_NONE;
		data->chip_data = st;
	}
	err = irq_domain_alloc_parent(d, virq, nr, info);
	if (err)
		its_free_own(d, virq, nr);
	return err;
}

static void its_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	its_free_own(d, virq, nr);
}

/* The doorbell as the device must write it (behind an SMMU: in its MSI window). */
static int its_doorbell_map(struct gic_its *its, struct gic_its_irq *st)
{
	int err = iommu_msi_map(st->rid, gic_its_translater(its), &st->doorbell);
	st->doorbell_mapped = err == 0;
	return err;
}

static void its_doorbell_unmap(struct gic_its *its, struct gic_its_irq *st)
{
	if (st->doorbell_mapped)
		iommu_msi_unmap(st->rid, gic_its_translater(its));
	st->doorbell_mapped = false;
	st->doorbell = 0;
}

/* The LPI level's invalidation of its configuration: an INV of the event mapped to it. */
static int its_lpi_inv(const struct lpi_route *r)
{
	const struct gic_its_irq *st =
		(const struct gic_its_irq *)((const char *)r - offsetof(struct gic_its_irq, route));
	return gic_its_inv(st->its, st->dev->dev_id, st->event);
}

static int its_activate(struct irq_data *data)
{
	struct gic_its *its = its_dom(data->domain)->its;
	struct gic_its_irq *st = data->chip_data;
	struct irq_data *p = data->parent_data;
	if (!p)
		return -EINVAL;
	int err = its_doorbell_map(its, st);
	if (err)
		return err;
	uint32_t dev_id = st->dev->dev_id;
	err = gic_its_mapti(its, dev_id, st->event, p->hwirq.v, (uint16_t)p->cpu.v);
	if (err)
		goto unmap;
	/* The LPI level finishes its activation through the event (INV), then SYNC (§5.3.11). */
	st->its = its;
	st->route.inv = its_lpi_inv;
	err = lpi_domain_route(p, &st->route);
	if (!err)
		err = gic_its_sync_cpu(its, p->cpu.v);
	if (err) {
		lpi_domain_unroute(p);
		gic_its_discard(its, dev_id, st->event);
		goto unmap;
	}
	data->cpu = p->cpu;
	return 0;
unmap:
	its_doorbell_unmap(its, st);
	return err;
}

static void its_deactivate(struct irq_data *data)
{
	struct gic_its *its = its_dom(data->domain)->its;
	struct gic_its_irq *st = data->chip_data;
	if (data->parent_data)
		lpi_domain_unroute(data->parent_data);
	gic_its_discard(its, st->dev->dev_id, st->event);
	if (data->cpu.v != IRQ_CPU_NONE.v)
		gic_its_sync_cpu(its, data->cpu.v);
	data->cpu = IRQ_CPU_NONE;
	/* The event is gone from the ITS first: a late write through the window finds no mapping. */
	its_doorbell_unmap(its, st);
}

/*
 * Move the event from CPU `from`'s collection to CPU `to`'s: MOVI, then a
 * SYNC to both redistributors (gic_its_movi_sync). When `from` has no
 * RDbase (not online), only the new one is synchronised.
 */
static int its_move(struct gic_its *its, struct gic_its_irq *st, irq_cpu_t from, irq_cpu_t to)
{
	uint64_t new_rd, old_rd;
	int err = gic_its_rdbase(its, to.v, &new_rd);
	if (err)
		return err;
	if (from.v == IRQ_CPU_NONE.v || gic_its_rdbase(its, from.v, &old_rd))
		old_rd = new_rd;
	return gic_its_movi_sync(its, st->dev->dev_id, st->event, (uint16_t)to.v, old_rd, new_rd);
}

static int its_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	struct gic_its_domain *dom = its_dom(data->domain);
	struct gic_its_irq *st = data->chip_data;
	struct irq_data *p = data->parent_data;
	(void)cpu; /* the parent staged it: the event follows the parent's CPU */
	if (!p)
		return -EINVAL;
	if (!(data->flags & IRQ_DATA_ACTIVATED))
		return IRQ_SET_AFFINITY_DONE; /* mapped at activation */
	uint64_t t0 = arch_counter_read();
	st->old_cpu = data->cpu;
	int err = its_move(dom->its, st, st->old_cpu, p->cpu);
	if (err) {
		/* Where the event is now is unknown: move it back and sync both. */
		its_move(dom->its, st, p->cpu, st->old_cpu);
		return err;
	}
	dom->movi_count++;
	dom->movi_ticks += arch_counter_read() - t0;
	st->staged = true;
	data->cpu = p->cpu;
	return IRQ_SET_AFFINITY_DONE;
}

static void its_set_affinity_commit(struct irq_data *data)
{
	struct gic_its_irq *st = data->chip_data;
	st->staged = false;
	if (data->parent_data && (data->flags & IRQ_DATA_ACTIVATED))
		data->cpu = data->parent_data->cpu;
}

static void its_set_affinity_revert(struct irq_data *data)
{
	struct gic_its_irq *st = data->chip_data;
	if (st->staged) {
		its_move(its_dom(data->domain)->its, st, data->cpu, st->old_cpu);
		data->cpu = st->old_cpu;
	}
	st->staged = false;
}

static int its_compose(struct irq_data *data, struct msi_msg *msg)
{
	struct gic_its_irq *st = data->chip_data;
	if (!st->doorbell_mapped)
		return -EINVAL; /* composed only while active: the doorbell is mapped then */
	msi_msg_set_address(msg, IRQ_PADDR(st->doorbell));
	msg->data = st->event;
	return 0;
}

static int its_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct gic_its_irq *st = data->chip_data;
	const struct irq_data *p = data->parent_data;
	if (!st)
		return snprintf(buf, size, "event %u", data->hwirq.v);
	return snprintf(buf, size, "dev 0x%x event %u -> icid %u lpi %u, doorbell 0x%llx",
			st->dev->dev_id, st->event, p ? p->cpu.v : 0, p ? p->hwirq.v : 0,
			(unsigned long long)st->doorbell);
}

/*
 * Any write of an EventID to GITS_TRANSLATER is a message (GICv3 §5.3.6),
 * whoever stores it: IMS slots work like MSI-X entries. What DeviceID a
 * device's own DMA writes carry is the platform's business (docs/platform.md,
 * "ITS DeviceID 0").
 */
#define GIC_ITS_FEATURES IRQ_FEATURE_IMS

const struct irq_domain_ops gic_its_domain_ops = {
	.alloc = its_alloc,
	.free = its_free,
	.activate = its_activate,
	.deactivate = its_deactivate,
	.set_affinity = its_set_affinity,
	.set_affinity_commit = its_set_affinity_commit,
	.set_affinity_revert = its_set_affinity_revert,
	.compose = its_compose,
	.show = its_show,
};

int gic_its_domain_create(struct gic_its_domain *dom, struct gic_its *its,
			  struct irq_domain *parent)
{
	memset(dom, 0, sizeof(*dom));
	dom->its = its;
	struct irq_domain_info info = {
		.name = "its0",
		.kind = IRQ_DOMAIN_KIND_REMAP,
		.features = GIC_ITS_FEATURES,
		.parent = parent,
		.ops = &gic_its_domain_ops,
		.priv = dom,
	};
	return irq_domain_create(&dom->domain, &info);
}

int gic_its_domain_event(struct gic_its_domain *dom, virq_t virq, uint32_t *dev_id, uint32_t *event)
{
	struct irq_data *data = irq_domain_get_data(&dom->domain, virq);
	if (!data || !data->chip_data)
		return -ENOENT;
	const struct gic_its_irq *st = data->chip_data;
	*dev_id = st->dev->dev_id;
	*event = st->event;
	return 0;
}
