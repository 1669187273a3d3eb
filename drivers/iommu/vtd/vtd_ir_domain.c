/* SPDX-License-Identifier: MIT */
/* VT-d remap domain ops (Linux: drivers/iommu/intel/irq_remapping.c, much reduced). */
#include "drivers/iommu/vtd/vtd_ir_domain.h"

#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"

#define COMPAT_DEST_SHIFT 12 /* SDM Vol. 3A §10.11.1: compatibility address bits 19:12 */

static struct vtd_ir_domain *vtd_of(struct irq_domain *d)
{
	return d->priv;
}

static bool index_used(const struct vtd_ir_domain *vd, uint32_t i)
{
	return (vd->used[i / 64] >> (i % 64)) & 1;
}

static int index_take(struct vtd_ir_domain *vd, uint32_t *out)
{
	for (uint32_t i = 0; i < vd->limit; i++) {
		if (!index_used(vd, i)) {
			vd->used[i / 64] |= 1ull << (i % 64);
			vd->used_count++;
			*out = i;
			return 0;
		}
	}
	return -ENOSPC;
}

static void index_give(struct vtd_ir_domain *vd, uint32_t i)
{
	if (i < VTD_IR_MAX_ENTRIES && index_used(vd, i)) {
		vd->used[i / 64] &= ~(1ull << (i % 64));
		vd->used_count--;
	}
}

static void vtd_ir_free_own(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct vtd_ir_domain *vd = vtd_of(d);
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		if (!data || !data->chip_data)
			continue;
		index_give(vd, data->hwirq.v);
		data->chip_data = 0;
	}
}

static int vtd_ir_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			const struct irq_alloc_info *info)
{
	struct vtd_ir_domain *vd = vtd_of(d);
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		uint32_t index;
		int err = data ? index_take(vd, &index) : -EINVAL;
		if (err) {
			vtd_ir_free_own(d, virq, i);
			return err;
		}
		data->hwirq = HWIRQ(index);
		data->cpu = IRQ_CPU_NONE;
		data->chip_data = &vd->irq[v.v];
		memset(&vd->irq[v.v], 0, sizeof(vd->irq[v.v]));
		vd->irq[v.v].sid = info ? (uint16_t)info->dev_id : 0;
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

/* The entry for data's current parent target, from the parent's compatibility message. */
static int vtd_ir_entry(struct irq_data *data, struct vtd_irte *e)
{
	struct irq_data *parent = data->parent_data;
	struct msi_msg msg;
	if (!parent || !parent->domain->ops->compose)
		return -EINVAL;
	int err = parent->domain->ops->compose(parent, &msg);
	if (err)
		return err;
	struct vtd_ir_domain *vd = vtd_of(data->domain);
	struct vtd_ir_irq *st = data->chip_data;
	struct vtd_irte_fields f = {
		.present = true,
		.dm = 0, /* physical */
		.tm = 0, /* edge */
		.dlm = VTD_DLM_FIXED,
		.vector = msg.data & 0xff,
		.dest = (msg.address_lo >> COMPAT_DEST_SHIFT) & 0xff,
		.sid = st->sid,
		.sq = 0, /* compare all 16 bits of the requester id */
		.svt = VTD_SVT_SID,
	};
	*e = vtd_irte_encode(&f, vd->ir->eime);
	data->cpu = parent->cpu;
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
	struct vtd_irte old = vtd_ir_get(ir, data->hwirq.v);
	if (old.hi != e.hi)
		return -EINVAL; /* only the low fields may change under a live entry */
	st->old_lo = old.lo;
	st->staged = true;
	err = vtd_ir_set_lo(ir, data->hwirq.v, e.lo);
	if (err) {
		vtd_ir_set_lo(ir, data->hwirq.v, st->old_lo);
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
		vtd_ir_set_lo(vtd_of(data->domain)->ir, data->hwirq.v, st->old_lo);
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
static int vtd_ir_supports(struct irq_domain *d, uint32_t feature, const char **reason)
{
	return feature == IRQ_FEATURE_IMS ? 1 : 0;
}

const struct irq_domain_ops vtd_ir_domain_ops = {
	.supports = vtd_ir_supports,
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

int vtd_ir_domain_create(struct vtd_ir_domain *vd, struct vtd_ir *ir, struct irq_domain *parent)
{
	memset(vd, 0, sizeof(*vd));
	vd->ir = ir;
	vd->limit = ir->count;
	struct irq_domain_info info = {
		.name = "vtd-ir0",
		.kind = "remap",
		.parent = parent,
		.ops = &vtd_ir_domain_ops,
		.priv = vd,
	};
	return irq_domain_create(&vd->domain, &info);
}

uint32_t vtd_ir_domain_set_limit(struct vtd_ir_domain *vd, uint32_t limit)
{
	uint32_t old = vd->limit;
	vd->limit = limit && limit < vd->ir->count ? limit : vd->ir->count;
	return old;
}
