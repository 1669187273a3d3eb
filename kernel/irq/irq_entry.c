/* SPDX-License-Identifier: MIT */
/*
 * The locks an entry point takes (irq_desc.h), and the slow bus between
 * them (Linux: irq_get_desc_buslock, irq_bus_lock, irq_bus_sync_unlock). A
 * bus level whose device is slow to write (IMS slots written by DMA) has
 * bus_lock/bus_sync/bus_unlock: under the descriptor and core locks its ops
 * only record the change; irq_entry_sync has it write the device once both
 * are dropped, so no other interrupt waits for the device.
 */
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_desc.h"

static bool irq_entry_bus_of(struct irq_domain *d)
{
	return d && d->ops && d->ops->bus_lock;
}

static void irq_entry_bus_take(struct irq_bus *b, struct irq_domain *d)
{
	b->d = irq_entry_bus_of(d) ? d : NULL;
	if (!b->d)
		return;
	/* Interrupts off: a handler on this CPU may mask its interrupt on the same bus. */
	b->flags = irq_cpu_irq_save();
	d->ops->bus_lock(d);
}

/* The top level of virq's chain, read under its descriptor lock. */
static struct irq_domain *irq_entry_bus_top(virq_t virq)
{
	unsigned long flags = irq_desc_lock(virq, 1);
	struct irq_desc *desc = irq_desc_get(virq);
	struct irq_domain *d = desc ? desc->top->domain : NULL;
	irq_desc_unlock(virq, 1, flags);
	return d;
}

void irq_entry_lock(struct irq_entry *e, virq_t first, uint32_t nr)
{
	e->first = first;
	e->nr = virq_valid(first) ? nr : 0;
	irq_entry_bus_take(&e->bus, e->nr ? irq_entry_bus_top(first) : NULL);
	e->desc_flags = irq_desc_lock(e->first, e->nr);
	e->core_flags = irq_lock();
}

void irq_entry_lock_domain(struct irq_entry *e, struct irq_domain *d)
{
	e->first = VIRQ_NONE;
	e->nr = 0;
	irq_entry_bus_take(&e->bus, d);
}

void irq_entry_unlock_desc(struct irq_entry *e)
{
	irq_unlock(e->core_flags);
	irq_desc_unlock(e->first, e->nr, e->desc_flags);
}

void irq_entry_relock_desc(struct irq_entry *e)
{
	e->desc_flags = irq_desc_lock(e->first, e->nr);
	e->core_flags = irq_lock();
}

int irq_entry_sync(struct irq_entry *e)
{
	return e->bus.d ? e->bus.d->ops->bus_sync(e->bus.d) : 0;
}

void irq_entry_end(struct irq_entry *e)
{
	if (!e->bus.d)
		return;
	e->bus.d->ops->bus_unlock(e->bus.d);
	irq_cpu_irq_restore(e->bus.flags);
	e->bus.d = NULL;
}

bool irq_entry_covers(const struct irq_entry *e, const struct irq_desc *desc)
{
	struct irq_domain *top = desc->top->domain;
	return irq_entry_bus_of(top) ? top == e->bus.d : e->bus.d == NULL;
}
