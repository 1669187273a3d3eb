/* SPDX-License-Identifier: MIT */
/*
 * What the irq core needs from the CPU, filled in by the arch layer (or by a
 * fake in host tests): kernel/irq reaches no arch internals directly.
 */
#ifndef DOORBELL_IRQ_CPU_H
#define DOORBELL_IRQ_CPU_H

#include "kernel/irq/irq_types.h"

struct irq_cpu_ops {
	/* CPUs that can take interrupts now. */
	irq_cpumask_t (*online_mask)(void);
	/*
	 * The core lock (the domains, the virq allocator, the chains and every
	 * level op): disable local interrupts, then take a spinlock; returns
	 * what unlock needs to restore the interrupt state. Not recursive:
	 * level ops run with it held and must not call the public irq_* entry
	 * points (only the helpers marked "lock held").
	 */
	unsigned long (*lock)(void);
	void (*unlock)(unsigned long flags);
	/*
	 * Local interrupts off / back as they were (arch_irq_save and
	 * arch_irq_restore): the core builds its per-descriptor locks and the
	 * bus locks on them (irq_desc.h). NULL: nothing to do (boot, one CPU).
	 */
	unsigned long (*irq_save)(void);
	void (*irq_restore)(unsigned long flags);
};

/*
 * Install the arch's operations (before any other irq_* call). Until then a
 * built-in set answers: CPU 0 only, online, no lock (single-threaded boot).
 * NULL restores the built-in set.
 */
void irq_cpu_set_ops(const struct irq_cpu_ops *ops);

irq_cpumask_t irq_cpu_online_mask(void);
bool irq_cpu_online(irq_cpu_t cpu);
unsigned long irq_lock(void);
void irq_unlock(unsigned long flags);
unsigned long irq_cpu_irq_save(void);
void irq_cpu_irq_restore(unsigned long flags);

#endif
