/* SPDX-License-Identifier: MIT */
/*
 * Vector domain ops (Linux: arch/x86/kernel/apic/vector.c, much reduced).
 * A vector is allocated and put in the per-CPU reverse map at alloc, so an
 * interrupt is deliverable as soon as it exists; activate has nothing to
 * program (no IOAPIC here). A move stages a second vector on the new CPU and
 * keeps the old one mapped until commit: an interrupt in flight on the old
 * route still finds its handler (SDM Vol. 3A §10.8.4: it may already sit in
 * the old CPU's IRR).
 */
#include "arch/x86_64/vector_domain.h"

#include <stdio.h>
#include <string.h>

#include "arch/x86_64/x86_msi.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"

static struct x86_vector_domain *vector_of(struct irq_domain *d)
{
	return d->priv;
}

/* One vector on cpu (IRQ_CPU_ANY: the online CPU with the most free vectors). */
static int vector_take(struct x86_vector_domain *vd, irq_cpu_t cpu, irq_cpu_t *got, uint32_t *vec)
{
	if (irq_cpu_eq(cpu, IRQ_CPU_ANY))
		return irq_matrix_alloc_any(&vd->matrix, irq_cpu_online_mask(), got, vec);
	if (!irq_cpu_online(cpu))
		return -EINVAL;
	int err = irq_matrix_alloc(&vd->matrix, cpu, vec);
	if (!err)
		*got = cpu;
	return err;
}

static void vector_give(struct x86_vector_domain *vd, irq_cpu_t cpu, uint32_t vec, virq_t virq)
{
	irq_domain_revmap_clear(&vd->domain, cpu, HWIRQ(vec), virq);
	irq_matrix_free(&vd->matrix, cpu, vec);
}

/* Take a vector on cpu and map it to virq: 0 or errno with nothing held. */
static int vector_map(struct x86_vector_domain *vd, irq_cpu_t cpu, virq_t virq, irq_cpu_t *got,
		      uint32_t *vec)
{
	int err = vector_take(vd, cpu, got, vec);
	if (err)
		return err;
	err = irq_domain_revmap_set(&vd->domain, *got, HWIRQ(*vec), virq);
	if (err)
		irq_matrix_free(&vd->matrix, *got, *vec);
	return err;
}

static void vector_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct x86_vector_domain *vd = vector_of(d);
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		if (!data || data->cpu.v == IRQ_CPU_NONE.v)
			continue;
		struct x86_vector_irq *st = &vd->irq[v.v];
		if (st->staged) /* freed mid-move cannot happen under the lock; be exact anyway */
			vector_give(vd, st->old_cpu, st->old_vec, v);
		vector_give(vd, data->cpu, data->hwirq.v, v);
		data->cpu = IRQ_CPU_NONE;
		memset(st, 0, sizeof(*st));
	}
}

static int vector_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			const struct irq_alloc_info *info)
{
	struct x86_vector_domain *vd = vector_of(d);
	irq_cpu_t want = info ? info->cpu : IRQ_CPU_ANY;
	for (uint32_t i = 0; i < nr; i++) {
		virq_t v = VIRQ(virq.v + i);
		struct irq_data *data = irq_domain_get_data(d, v);
		irq_cpu_t cpu;
		uint32_t vec;
		int err = data ? vector_map(vd, want, v, &cpu, &vec) : -EINVAL;
		if (err) {
			vector_free(d, virq, i); /* this level's own work only */
			return err;
		}
		data->cpu = cpu;
		data->hwirq = HWIRQ(vec);
		data->chip_data = &vd->irq[v.v];
		memset(&vd->irq[v.v], 0, sizeof(vd->irq[v.v]));
	}
	return 0;
}

static int vector_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	struct x86_vector_domain *vd = vector_of(data->domain);
	struct x86_vector_irq *st = &vd->irq[data->virq.v];
	if (!irq_cpu_valid(cpu) || x86_apic_map_id(vd->map, cpu.v) == X86_APIC_ID_NONE)
		return -EINVAL;
	irq_cpu_t got;
	uint32_t vec;
	int err = vector_map(vd, cpu, data->virq, &got, &vec);
	if (err)
		return err;
	st->old_cpu = data->cpu;
	st->old_vec = data->hwirq.v;
	st->staged = true;
	data->cpu = got;
	data->hwirq = HWIRQ(vec);
	return IRQ_SET_AFFINITY_UPDATE_MSG;
}

static void vector_set_affinity_commit(struct irq_data *data)
{
	struct x86_vector_domain *vd = vector_of(data->domain);
	struct x86_vector_irq *st = &vd->irq[data->virq.v];
	if (!st->staged)
		return;
	vector_give(vd, st->old_cpu, st->old_vec, data->virq);
	st->staged = false;
}

static void vector_set_affinity_revert(struct irq_data *data)
{
	struct x86_vector_domain *vd = vector_of(data->domain);
	struct x86_vector_irq *st = &vd->irq[data->virq.v];
	if (!st->staged)
		return;
	vector_give(vd, data->cpu, data->hwirq.v, data->virq);
	data->cpu = st->old_cpu;
	data->hwirq = HWIRQ(st->old_vec);
	st->staged = false;
}

/* Linux's irq_cfg: CPU, vector and the full 32-bit APIC ID, for remap levels. */
static int vector_get_target(const struct irq_data *data, struct irq_target *t)
{
	struct x86_vector_domain *vd = vector_of(data->domain);
	uint32_t apic_id = x86_apic_map_id(vd->map, data->cpu.v);
	if (apic_id == X86_APIC_ID_NONE)
		return -EINVAL;
	*t = (struct irq_target){.cpu = data->cpu, .vector = data->hwirq.v, .dest_id = apic_id};
	return 0;
}

static int vector_compose(struct irq_data *data, struct msi_msg *msg)
{
	struct x86_vector_domain *vd = vector_of(data->domain);
	struct irq_target t;
	int err = vector_get_target(data, &t);
	if (err)
		return err;
	return x86_msi_compose(t.dest_id, t.vector, vd->ext_dest_id, msg);
}

static int vector_show(const struct irq_data *data, char *buf, size_t size)
{
	return snprintf(buf, size, "cpu %u vec 0x%x", data->cpu.v, data->hwirq.v);
}

/*
 * Any writer of a compatibility-format message to 0xFEEx_xxxx reaches the
 * local APICs (SDM Vol. 3A §10.11): message storage in the device (IMS)
 * works as well as in a capability. Whether it may be used is the
 * platform's call, not this level's.
 */
#define X86_VECTOR_FEATURES IRQ_FEATURE_IMS

const struct irq_domain_ops x86_vector_domain_ops = {
	.alloc = vector_alloc,
	.free = vector_free,
	.set_affinity = vector_set_affinity,
	.set_affinity_commit = vector_set_affinity_commit,
	.set_affinity_revert = vector_set_affinity_revert,
	.get_target = vector_get_target,
	.compose = vector_compose,
	.show = vector_show,
};

int x86_vector_domain_create(struct x86_vector_domain *vd, const struct x86_apic_map *map,
			     bool ext_dest_id)
{
	memset(vd, 0, sizeof(*vd));
	vd->map = map;
	vd->ext_dest_id = ext_dest_id;
	int err = irq_matrix_init(&vd->matrix, X86_VECTOR_FIRST, X86_VECTOR_END);
	if (err)
		return err;
	struct irq_domain_info info = {
		.name = "vector",
		.kind = IRQ_DOMAIN_KIND_VECTOR,
		.features = X86_VECTOR_FEATURES,
		.ops = &x86_vector_domain_ops,
		.priv = vd,
		.revmap = vd->revmap,
		.revmap_base = 0,
		.revmap_size = X86_VECTOR_END,
		.revmap_cpus = IRQ_MAX_CPUS,
	};
	return irq_domain_create(&vd->domain, &info);
}
