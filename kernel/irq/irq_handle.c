/* SPDX-License-Identifier: MIT */
/*
 * Delivery: from (bottom domain, cpu, hwirq) to the handler, with
 * accounting. Only the interrupt's descriptor lock is taken: a delivery
 * never waits for another interrupt's level ops or device writes. The
 * arch's interrupt entry calls irq_handle with local interrupts off, so
 * the lock is taken without saving and restoring them.
 */
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_desc.h"

int irq_set_handler(virq_t virq, irq_handler_t fn, void *cookie)
{
	int err = 0;
	unsigned long flags = irq_desc_lock(virq, 1);
	struct irq_desc *desc = irq_desc_get(virq);
	if (desc) {
		desc->handler = fn;
		desc->cookie = cookie;
	} else {
		err = -EINVAL;
	}
	irq_desc_unlock(virq, 1, flags);
	return err;
}

static int irq_handle_unexpected(irq_cpu_t cpu)
{
	__atomic_fetch_add(&irq_desc_cpu_stats(cpu)->unexpected, 1, __ATOMIC_RELAXED);
	return -ENOENT;
}

/*
 * Every interrupt comes through here, so it makes no calls but the handler's:
 * the reverse map and the descriptor are read inline (a call and return cost
 * more than the reads under TCG, bench.msi_bare).
 */
int irq_handle(struct irq_domain *d, irq_cpu_t cpu, hwirq_t hwirq)
{
	if (!irq_cpu_valid(cpu))
		return -EINVAL;

	virq_t virq = irq_domain_revmap_lookup(d, cpu, hwirq);
	if (!virq_valid(virq))
		return irq_handle_unexpected(cpu);
	struct spinlock *lock = &irq_desc_locks[virq.v];
	struct irq_desc *desc = &irq_descs[virq.v];
	spin_lock(lock);
	/*
	 * The map is changed for virq only under its descriptor lock (level ops
	 * run inside it) or before irq_alloc publishes it (not live yet), so a
	 * second look that still finds virq is stable.
	 */
	if (!irq_desc_live(desc) || irq_domain_revmap_lookup(d, cpu, hwirq).v != virq.v) {
		spin_unlock(lock);
		return irq_handle_unexpected(cpu);
	}
	desc->count[cpu.v]++;
	irq_handler_t fn = desc->handler;
	void *cookie = desc->cookie;
	spin_unlock(lock);

	/* Outside the lock: a handler may mask, move or free its interrupt. */
	if (fn)
		fn(virq, cookie);
	return 0;
}

/*
 * Lock-free: a spurious vector can be taken while this CPU holds a lock of
 * the core (arch_sleep_until raises the priority threshold under a bus lock).
 */
void irq_account_spurious(irq_cpu_t cpu)
{
	struct irq_cpu_stats *stats = irq_desc_cpu_stats(cpu);
	if (stats)
		__atomic_fetch_add(&stats->spurious, 1, __ATOMIC_RELAXED);
}
