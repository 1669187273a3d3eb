/* SPDX-License-Identifier: MIT */
/* Delivery: from (bottom domain, cpu, hwirq) to the handler, with accounting. */
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_desc.h"

int irq_set_handler(virq_t virq, irq_handler_t fn, void *cookie)
{
	int err = 0;
	unsigned long flags = irq_lock();
	struct irq_desc *desc = irq_desc_get(virq);
	if (desc) {
		desc->handler = fn;
		desc->cookie = cookie;
	} else {
		err = -EINVAL;
	}
	irq_unlock(flags);
	return err;
}

int irq_handle(struct irq_domain *d, irq_cpu_t cpu, hwirq_t hwirq)
{
	if (!irq_cpu_valid(cpu))
		return -EINVAL;

	unsigned long flags = irq_lock();
	struct irq_cpu_stats *stats = irq_desc_cpu_stats(cpu);
	virq_t virq = irq_domain_revmap_lookup(d, cpu, hwirq);
	struct irq_desc *desc = irq_desc_get(virq);
	if (!desc) {
		stats->unexpected++;
		irq_unlock(flags);
		return -ENOENT;
	}
	desc->count[cpu.v]++;
	irq_handler_t fn = desc->handler;
	void *cookie = desc->cookie;
	irq_unlock(flags);

	/* Outside the lock: a handler may mask, move or free its interrupt. */
	if (fn)
		fn(virq, cookie);
	return 0;
}

/*
 * Lock-free: a spurious vector can be taken while this CPU holds the core
 * lock (arch_sleep_until raises the priority threshold under it).
 */
void irq_account_spurious(irq_cpu_t cpu)
{
	struct irq_cpu_stats *stats = irq_desc_cpu_stats(cpu);
	if (stats)
		__atomic_fetch_add(&stats->spurious, 1, __ATOMIC_RELAXED);
}
