/* SPDX-License-Identifier: MIT */
/* VT-d remap domain ops (Linux: drivers/iommu/intel/irq_remapping.c, much reduced). */
#include "drivers/iommu/vtd/vtd_ir_domain.h"

#include <stdio.h>
#include <string.h>

#include "drivers/pci/pci.h"
#include "kernel/errno.h"

static struct vtd_ir_domain *vtd_of(struct irq_domain *d)
{
	return d->priv;
}

static void vtd_ir_free_own(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct vtd_ir_domain *vd = vtd_of(d);
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		if (!data || !data->chip_data)
			continue;
		irq_idalloc_free(&vd->ids, data->hwirq.v);
		data->chip_data = 0;
	}
}

/* What the device's writes carry, as source-id verification fields. */
static void vtd_ir_source(const struct vtd_ir_domain *vd, uint16_t rid, struct vtd_ir_irq *st)
{
	struct pci_requester r = {.rid = rid};
	const struct pci_dev *pd = pci_find_rid(vd->segment, rid);
	if (pd && pci_dev_requester(pd, &r))
		r = (struct pci_requester){.rid = rid}; /* bridges in a cycle */
	struct vtd_irte_fields f = {0};
	vtd_irte_source(&r, &f);
	st->sid = f.sid;
	st->sq = (uint8_t)f.sq;
	st->svt = (uint8_t)f.svt;
}

static int vtd_ir_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			const struct irq_alloc_info *info)
{
	struct vtd_ir_domain *vd = vtd_of(d);
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		uint32_t index;
		int err = data ? irq_idalloc_alloc(&vd->ids, &index) : -EINVAL;
		if (err) {
			vtd_ir_free_own(d, virq, i);
			return err;
		}
		data->hwirq = HWIRQ(index);
		data->cpu = IRQ_CPU_NONE;
		data->chip_data = &vd->irq[v.v];
		memset(&vd->irq[v.v], 0, sizeof(vd->irq[v.v]));
		vtd_ir_source(vd, info ? info->ids.rid : 0, &vd->irq[v.v]);
	}
	int err = irq_domain_alloc_parent(d, virq, nr, info);
	if (err)
		vtd_ir_free_own(d, virq, nr);
	return err;
}

static void vtd_ir_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	vtd_ir_free_own(d, virq, nr);
}

/*
 * The entry for data's current target, read as data from the vector level
 * (Linux: irqd_cfg + prepare_irte): the full APIC ID goes into DST as the
 * table's mode wants it (§9.10), never through an 8-bit message.
 */
static int vtd_ir_entry(struct irq_data *data, struct vtd_irte *e)
{
	struct irq_target t;
	int err = irq_domain_parent_target(data, &t);
	if (err)
		return err;
	struct vtd_ir_domain *vd = vtd_of(data->domain);
	struct vtd_ir_irq *st = data->chip_data;
	struct vtd_irte_fields source = {.sid = st->sid, .sq = st->sq, .svt = st->svt};
	err = vtd_irte_prepare(t.vector, t.dest_id, vd->ir->eime, &source, e);
	if (err)
		return err;
	data->cpu = t.cpu;
	return 0;
}

static int vtd_ir_activate(struct irq_data *data)
{
	struct vtd_irte e;
	int err = vtd_ir_entry(data, &e);
	if (err)
		return err;
	err = vtd_ir_set(vtd_of(data->domain)->ir, data->hwirq.v, e);
	if (err)
		vtd_ir_clear(vtd_of(data->domain)->ir, data->hwirq.v);
	return err;
}

static void vtd_ir_deactivate(struct irq_data *data)
{
	vtd_ir_clear(vtd_of(data->domain)->ir, data->hwirq.v);
}

static int vtd_ir_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	struct vtd_ir *ir = vtd_of(data->domain)->ir;
	struct vtd_ir_irq *st = data->chip_data;
	(void)cpu; /* the parent staged it: the entry follows the parent's target */
	struct vtd_irte e;
	int err = vtd_ir_entry(data, &e);
	if (err)
		return err;
	if (!(data->flags & IRQ_DATA_ACTIVATED))
		return IRQ_SET_AFFINITY_DONE; /* written at activation */
	st->old = vtd_ir_get(ir, data->hwirq.v);
	st->staged = true;
	err = vtd_ir_set(ir, data->hwirq.v, e); /* no torn entry; invalidated and waited for */
	if (err) {
		vtd_ir_set(ir, data->hwirq.v, st->old);
		st->staged = false;
		return err;
	}
	return IRQ_SET_AFFINITY_DONE;
}

static void vtd_ir_set_affinity_commit(struct irq_data *data)
{
	struct vtd_ir_irq *st = data->chip_data;
	st->staged = false;
	if (data->parent_data)
		data->cpu = data->parent_data->cpu;
}

static void vtd_ir_set_affinity_revert(struct irq_data *data)
{
	struct vtd_ir_irq *st = data->chip_data;
	if (st->staged)
		vtd_ir_set(vtd_of(data->domain)->ir, data->hwirq.v, st->old);
	st->staged = false;
	if (data->parent_data)
		data->cpu = data->parent_data->cpu;
}

static int vtd_ir_compose(struct irq_data *data, struct msi_msg *msg)
{
	vtd_msi_compose_remappable((uint16_t)data->hwirq.v, msg);
	return 0;
}

static int vtd_ir_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct irq_data *p = data->parent_data;
	if (!p)
		return snprintf(buf, size, "irte %u", data->hwirq.v);
	return snprintf(buf, size, "irte %u -> cpu %u vec 0x%x", data->hwirq.v, p->cpu.v,
			p->hwirq.v);
}

/*
 * A remappable message names an IRTE, whoever stores it (VT-d 4.x §5.1.4):
 * IMS slots work like MSI-X entries. On real hardware the device's posted
 * write carries its requester id, so source-id verification holds too.
 */
#define VTD_IR_FEATURES IRQ_FEATURE_IMS

const struct irq_domain_ops vtd_ir_domain_ops = {
	.alloc = vtd_ir_alloc,
	.free = vtd_ir_free,
	.activate = vtd_ir_activate,
	.deactivate = vtd_ir_deactivate,
	.set_affinity = vtd_ir_set_affinity,
	.set_affinity_commit = vtd_ir_set_affinity_commit,
	.set_affinity_revert = vtd_ir_set_affinity_revert,
	.compose = vtd_ir_compose,
	.show = vtd_ir_show,
};

int vtd_ir_domain_create(struct vtd_ir_domain *vd, struct vtd_ir *ir, struct irq_domain *parent,
			 unsigned index)
{
	memset(vd, 0, sizeof(*vd));
	vd->ir = ir;
	irq_idalloc_init(&vd->ids, vd->id_map, 0, ir->count);
	snprintf(vd->name, sizeof(vd->name), "vtd-ir%u", index);
	struct irq_domain_info info = {
		.name = vd->name,
		.kind = IRQ_DOMAIN_KIND_REMAP,
		.features = VTD_IR_FEATURES,
		.parent = parent,
		.ops = &vtd_ir_domain_ops,
		.priv = vd,
	};
	return irq_domain_create(&vd->domain, &info);
}

uint32_t vtd_ir_domain_set_limit(struct vtd_ir_domain *vd, uint32_t limit)
{
	return irq_idalloc_set_limit(&vd->ids, limit);
}
