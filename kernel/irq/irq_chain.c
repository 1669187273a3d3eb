/* SPDX-License-Identifier: MIT */
/* irq_alloc and irq_free: virqs, chains, and the levels' alloc/free. */
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_desc.h"

/* Give back the chain entries of [first, first + nr); the levels are already freed. */
static void irq_chain_release(virq_t first, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_desc *desc = irq_desc_slot(VIRQ(first.v + i));
		struct irq_data *data = desc->top;
		while (data) {
			struct irq_data *parent = data->parent_data;
			irq_desc_pool_put(data);
			data = parent;
		}
		desc->top = NULL;
	}
	irq_desc_virq_release(first, nr);
}

/*
 * Build one chain per virq, top (d) to bottom, before any level runs: the
 * levels' alloc finds its entries with irq_domain_get_data.
 */
static void irq_chain_build(struct irq_domain *d, virq_t first, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++) {
		virq_t virq = VIRQ(first.v + i);
		struct irq_desc *desc = irq_desc_slot(virq);
		struct irq_data **link = &desc->top;
		for (struct irq_domain *level = d; level; level = level->parent) {
			struct irq_data *data = irq_desc_pool_get(); /* counted by the caller */
			data->domain = level;
			data->virq = virq;
			*link = data;
			link = &data->parent_data;
		}
		desc->group_first = first;
		desc->group_nr = nr;
		desc->affinity = IRQ_CPU_NONE;
	}
}

/*
 * Free every level marked ALLOCATED, top-down: the reverse of the order in
 * which their allocs returned, so an entry that points at its parent's
 * resource (an IRTE at a vector) goes before that resource.
 */
static void irq_chain_free_levels(virq_t first, uint32_t nr)
{
	struct irq_desc *desc = irq_desc_slot(first);
	for (struct irq_data *data = desc->top; data; data = data->parent_data) {
		if (!(data->flags & IRQ_DATA_ALLOCATED))
			continue;
		struct irq_domain *level = data->domain;
		if (level->ops->free)
			level->ops->free(level, first, nr);
		for (uint32_t i = 0; i < nr; i++)
			irq_domain_get_data(level, VIRQ(first.v + i))->flags &= ~IRQ_DATA_ALLOCATED;
		level->irq_count -= nr;
	}
}

static bool irq_chain_complete(virq_t first, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++)
		for (struct irq_data *data = irq_desc_slot(VIRQ(first.v + i))->top; data;
		     data = data->parent_data)
			if (!(data->flags & IRQ_DATA_ALLOCATED))
				return false;
	return true;
}

/* The target the levels chose: the lowest level that routes to a CPU. */
static irq_cpu_t irq_chain_target(const struct irq_desc *desc)
{
	struct irq_data *levels[IRQ_MAX_DEPTH];
	uint32_t n = irq_desc_levels(desc, levels);
	for (uint32_t i = 0; i < n; i++)
		if (irq_cpu_valid(levels[i]->cpu))
			return levels[i]->cpu;
	return IRQ_CPU_NONE;
}

int irq_alloc(struct irq_domain *d, uint32_t nr, const struct irq_alloc_info *info, virq_t *virq)
{
	virq_t first;
	int err;

	if (!d || !info || !virq || nr == 0 || nr >= IRQ_NR_VIRQS)
		return -EINVAL;
	if (!irq_cpu_eq(info->cpu, IRQ_CPU_ANY) && !irq_cpu_online(info->cpu))
		return -EINVAL;

	/* No descriptor is visible yet: the bus lock of d, then the core lock. */
	struct irq_entry e;
	irq_entry_lock_domain(&e, d);
	unsigned long flags = irq_lock();
	if (!irq_domain_is_registered(d)) {
		err = -EINVAL;
		goto out;
	}
	err = irq_desc_virq_alloc(nr, &first);
	if (err)
		goto out;
	if (irq_desc_pool_available() < nr * (d->depth + 1)) {
		irq_desc_virq_release(first, nr);
		err = -ENOSPC;
		goto out;
	}
	irq_chain_build(d, first, nr);

	err = d->ops->alloc(d, first, nr, info);
	if (!err) {
		for (uint32_t i = 0; i < nr; i++)
			irq_desc_slot(VIRQ(first.v + i))->top->flags |= IRQ_DATA_ALLOCATED;
		d->irq_count += nr;
		/* A level that forgot its parent would leave a hole in the chain. */
		if (!irq_chain_complete(first, nr))
			err = -EPROTO;
	}
	if (err) {
		irq_chain_free_levels(first, nr);
		irq_chain_release(first, nr);
		goto out;
	}
	irq_unlock(flags);
	/* Publish the descriptors: from here on delivery and the entry points see them. */
	unsigned long desc_flags = irq_desc_lock(first, nr);
	flags = irq_lock();
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_desc *desc = irq_desc_slot(VIRQ(first.v + i));
		desc->state = IRQ_STATE_ALLOCATED | IRQ_STATE_MASKED;
		desc->affinity = irq_chain_target(desc);
	}
	irq_unlock(flags);
	irq_desc_unlock(first, nr, desc_flags);
	*virq = first;
	irq_entry_sync(&e); /* the masks the bus level recorded: no message yet */
	irq_entry_end(&e);
	return 0;
out:
	irq_unlock(flags);
	irq_entry_sync(&e);
	irq_entry_end(&e);
	return err;
}

int irq_free(virq_t virq, uint32_t nr)
{
	int err = 0;
	struct irq_entry e;
	irq_entry_lock(&e, virq, nr);

	struct irq_desc *desc = irq_desc_get(virq);
	if (!desc || !irq_entry_covers(&e, desc) || desc->group_first.v != virq.v ||
	    desc->group_nr != nr) {
		err = -EINVAL;
		goto out;
	}
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_desc *it = irq_desc_slot(VIRQ(virq.v + i));
		struct irq_data *levels[IRQ_MAX_DEPTH];
		uint32_t n = irq_desc_levels(it, levels);
		irq_desc_deactivate_levels(levels, n);
		it->state &= ~IRQ_STATE_ACTIVATED;
	}
	irq_chain_free_levels(virq, nr);
	irq_chain_release(virq, nr);
out:
	irq_entry_unlock_desc(&e);
	irq_entry_sync(&e);
	irq_entry_end(&e);
	return err;
}
