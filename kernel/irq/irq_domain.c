/* SPDX-License-Identifier: MIT */
/* Domain registry, reverse maps and the helpers level ops call. */
#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_desc.h"

static struct irq_domain *irq_domain_head;

/* The domains' storage belongs to their creators (and may be gone): only drop the list. */
void irq_domain_reset(void)
{
	irq_domain_head = NULL;
}

struct irq_domain *irq_domain_first(void)
{
	return irq_domain_head;
}

bool irq_domain_is_registered(const struct irq_domain *d)
{
	for (struct irq_domain *it = irq_domain_head; it; it = it->next)
		if (it == d)
			return true;
	return false;
}

static uint32_t irq_domain_revmap_entries(const struct irq_domain_info *info)
{
	return info->revmap_size * (info->revmap_cpus > 1 ? info->revmap_cpus : 1);
}

static int irq_domain_check_info(const struct irq_domain_info *info)
{
	if (!info->name || !info->ops || !info->ops->alloc)
		return -EINVAL;
	if (info->parent && !irq_domain_is_registered(info->parent))
		return -EINVAL;
	if (info->parent && info->parent->depth + 1 >= IRQ_MAX_DEPTH)
		return -EINVAL;
	if (info->revmap && (info->revmap_size == 0 || info->revmap_cpus > IRQ_MAX_CPUS))
		return -EINVAL;
	/* A slow bus locks, syncs and unlocks, or does none of it. */
	if (!info->ops->bus_lock != !info->ops->bus_sync ||
	    !info->ops->bus_lock != !info->ops->bus_unlock)
		return -EINVAL;
	/* A level that stages a move must be able to finish or undo it. */
	if (info->ops->set_affinity &&
	    (!info->ops->set_affinity_commit || !info->ops->set_affinity_revert))
		return -EINVAL;
	return 0;
}

int irq_domain_create(struct irq_domain *d, const struct irq_domain_info *info)
{
	if (!d || !info)
		return -EINVAL;
	unsigned long flags = irq_lock();
	int err = irq_domain_is_registered(d) ? -EEXIST : irq_domain_check_info(info);
	if (!err) {
		memset(d, 0, sizeof(*d));
		d->name = info->name;
		d->kind = info->kind;
		d->features = info->features;
		d->parent = info->parent;
		d->ops = info->ops;
		d->priv = info->priv;
		d->depth = info->parent ? info->parent->depth + 1 : 0;
		d->revmap = info->revmap;
		d->revmap_base = info->revmap_base;
		d->revmap_size = info->revmap ? info->revmap_size : 0;
		d->revmap_cpus = info->revmap_cpus;
		if (d->revmap)
			memset(d->revmap, 0, irq_domain_revmap_entries(info) * sizeof(virq_t));
		struct irq_domain **tail = &irq_domain_head;
		while (*tail)
			tail = &(*tail)->next;
		*tail = d;
	}
	irq_unlock(flags);
	return err;
}

int irq_domain_remove(struct irq_domain *d)
{
	int err = 0;
	unsigned long flags = irq_lock();

	if (!d || !irq_domain_is_registered(d)) {
		err = -EINVAL;
		goto out;
	}
	if (d->irq_count) {
		err = -EBUSY;
		goto out;
	}
	for (struct irq_domain *it = irq_domain_head; it; it = it->next) {
		if (it->parent == d) {
			err = -EBUSY;
			goto out;
		}
	}
	for (struct irq_domain **pp = &irq_domain_head; *pp; pp = &(*pp)->next) {
		if (*pp == d) {
			*pp = d->next;
			break;
		}
	}
	d->next = NULL;
out:
	irq_unlock(flags);
	return err;
}

/* --- helpers for level ops (lock held) ---------------------------------- */

struct irq_data *irq_domain_get_data(struct irq_domain *d, virq_t virq)
{
	struct irq_desc *desc = irq_desc_slot(virq);
	if (!desc)
		return NULL;
	for (struct irq_data *data = desc->top; data; data = data->parent_data)
		if (data->domain == d)
			return data;
	return NULL;
}

/*
 * Linux lets each level free its parent on its own failure paths; here the
 * core does it (from the ALLOCATED marks set below), so a level's error path
 * only ever undoes its own work.
 */
int irq_domain_alloc_parent(struct irq_domain *d, virq_t virq, uint32_t nr,
			    const struct irq_alloc_info *info)
{
	struct irq_domain *parent = d ? d->parent : NULL;
	if (!parent)
		return -EINVAL;
	/* Each parent entry exists and is allocated once (a second call is a level bug). */
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(parent, VIRQ(virq.v + i));
		if (!data || (data->flags & IRQ_DATA_ALLOCATED))
			return -EINVAL;
	}

	int err = parent->ops->alloc(parent, virq, nr, info);
	if (err)
		return err;
	for (uint32_t i = 0; i < nr; i++)
		irq_domain_get_data(parent, VIRQ(virq.v + i))->flags |= IRQ_DATA_ALLOCATED;
	parent->irq_count += nr;
	return 0;
}

int irq_domain_parent_target(const struct irq_data *data, struct irq_target *t)
{
	for (const struct irq_data *p = data ? data->parent_data : NULL; p; p = p->parent_data)
		if (p->domain->ops->get_target)
			return p->domain->ops->get_target(p, t);
	return -EINVAL;
}

int irq_domain_revmap_set(struct irq_domain *d, irq_cpu_t cpu, hwirq_t hwirq, virq_t virq)
{
	virq_t *e = irq_domain_revmap_entry(d, cpu, hwirq);
	if (!e || !virq_valid(virq))
		return -EINVAL;
	if (e->v && e->v != virq.v)
		return -EBUSY;
	/* Delivery reads the map without the core lock (irq_handle). */
	__atomic_store_n(&e->v, virq.v, __ATOMIC_RELEASE);
	return 0;
}

int irq_domain_revmap_clear(struct irq_domain *d, irq_cpu_t cpu, hwirq_t hwirq, virq_t virq)
{
	virq_t *e = irq_domain_revmap_entry(d, cpu, hwirq);
	if (!e || e->v != virq.v)
		return -EINVAL;
	__atomic_store_n(&e->v, 0, __ATOMIC_RELEASE);
	return 0;
}

const char *irq_domain_kind_name(enum irq_domain_kind kind)
{
	switch (kind) {
	case IRQ_DOMAIN_KIND_VECTOR: return "vector";
	case IRQ_DOMAIN_KIND_LPI: return "lpi";
	case IRQ_DOMAIN_KIND_WIRED: return "wired";
	case IRQ_DOMAIN_KIND_REMAP: return "remap";
	case IRQ_DOMAIN_KIND_BUS: return "bus";
	case IRQ_DOMAIN_KIND_NONE: break;
	}
	return "-";
}

int irq_domain_set_gate(struct irq_domain *d, irq_domain_gate_fn gate)
{
	unsigned long flags = irq_lock();
	int err = irq_domain_is_registered(d) ? 0 : -EINVAL;
	if (!err)
		d->gate = gate;
	irq_unlock(flags);
	return err;
}

int irq_domain_supports(struct irq_domain *d, uint32_t feature, const char **reason)
{
	const char *why = "no such domain";
	int err = -EINVAL;
	unsigned long flags = irq_lock();
	if (!irq_domain_is_registered(d))
		goto out;
	bool vouched = false;
	err = 0;
	for (struct irq_domain *l = d; l && !err; l = l->parent) {
		if (l->gate)
			err = l->gate(feature, &why);
		if (!err && (l->features & feature))
			vouched = true;
	}
	if (err) {
		err = -EOPNOTSUPP; /* whatever a level said, the answer is a refusal */
		if (!why)
			why = "refused without a reason";
	} else if (!vouched) {
		err = -EOPNOTSUPP;
		why = "no level of the interrupt stack supports it";
	}
out:
	irq_unlock(flags);
	if (reason)
		*reason = err ? why : NULL;
	return err;
}
