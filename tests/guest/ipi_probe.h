/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the smp/vector/ipi guest tests: an interrupt allocated
 * in the bottom domain on one CPU, a handler counting where it ran, IPIs
 * sent one at a time (each waits for the previous one: the local APIC
 * merges a vector that is already pending, so unpaced IPIs do not count
 * exactly), and snapshots of the core's counters.
 */
#ifndef DOORBELL_TESTS_GUEST_IPI_PROBE_H
#define DOORBELL_TESTS_GUEST_IPI_PROBE_H

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_matrix.h"
#include "kernel/time.h"

#define IPI_PROBE_WAIT_US 200000

struct ipi_probe {
	virq_t virq;
	volatile uint64_t hits[IRQ_MAX_CPUS]; /* handler runs, by the CPU it ran on */
};

static inline void ipi_probe_handler(virq_t virq, void *cookie)
{
	struct ipi_probe *p = cookie;
	(void)virq;
	__atomic_fetch_add(&p->hits[arch_cpu_current()], 1, __ATOMIC_RELAXED);
}

/* Allocate, activate and hook one interrupt targeting cpu: 0 or the errno. */
static inline int ipi_probe_alloc(struct ipi_probe *p, irq_cpu_t cpu)
{
	struct irq_alloc_info info = {.cpu = cpu};
	for (unsigned i = 0; i < IRQ_MAX_CPUS; i++)
		p->hits[i] = 0;
	int err = irq_alloc(arch_irq_domain(), 1, &info, &p->virq);
	if (err)
		return err;
	err = irq_activate(p->virq);
	if (!err)
		err = irq_set_handler(p->virq, ipi_probe_handler, p);
	if (err)
		irq_free(p->virq, 1);
	return err;
}

/* Where the interrupt goes now: its CPU and vector (bottom level). */
static inline unsigned ipi_probe_cpu(const struct ipi_probe *p)
{
	return irq_chain(p->virq)->cpu.v;
}

static inline uint32_t ipi_probe_vector(const struct ipi_probe *p)
{
	return irq_chain(p->virq)->hwirq.v;
}

/*
 * Send vector to cpu and wait until the handler's count on cpu passes
 * `before`: 0, -ETIMEDOUT, or the send's errno. On the calling CPU the
 * interrupt is taken with interrupts enabled while waiting.
 */
static inline int ipi_probe_send_wait(struct ipi_probe *p, unsigned cpu, uint32_t vector,
				      uint64_t before)
{
	bool self = cpu == arch_cpu_current();
	int err = arch_irq_send_ipi(cpu, vector);
	if (err)
		return err;
	deadline_t d = deadline_in_us(IPI_PROBE_WAIT_US);
	if (self)
		arch_irq_enable();
	while (__atomic_load_n(&p->hits[cpu], __ATOMIC_ACQUIRE) == before && !deadline_passed(d))
		arch_cpu_relax();
	if (self)
		arch_irq_disable();
	return __atomic_load_n(&p->hits[cpu], __ATOMIC_ACQUIRE) == before ? -ETIMEDOUT : 0;
}

/* Let anything still in flight arrive (a stray interrupt would show in the counts). */
static inline void ipi_probe_settle(uint64_t us)
{
	deadline_t d = deadline_in_us(us);
	arch_irq_enable();
	while (!deadline_passed(d))
		arch_cpu_relax();
	arch_irq_disable();
}

/* The core's per-CPU counters and pools, to compare before/after. */
struct ipi_counts {
	uint64_t spurious[IRQ_MAX_CPUS];
	uint64_t unexpected[IRQ_MAX_CPUS];
	uint32_t matrix_allocated[IRQ_MAX_CPUS];
	uint32_t matrix_reserved[IRQ_MAX_CPUS];
	uint32_t matrix_free[IRQ_MAX_CPUS];
	uint32_t virq_free;
	uint32_t pool_free;
};

static inline void ipi_counts_take(struct ipi_counts *c)
{
	struct irq_matrix *m = arch_irq_matrix();
	for (unsigned i = 0; i < IRQ_MAX_CPUS; i++) {
		c->spurious[i] = irq_spurious_count(IRQ_CPU(i));
		c->unexpected[i] = irq_unexpected_count(IRQ_CPU(i));
	}
	unsigned long flags = irq_lock();
	for (unsigned i = 0; i < IRQ_MAX_CPUS; i++) {
		c->matrix_allocated[i] = m ? irq_matrix_allocated_count(m, IRQ_CPU(i)) : 0;
		c->matrix_reserved[i] = m ? irq_matrix_reserved_count(m, IRQ_CPU(i)) : 0;
		c->matrix_free[i] = m ? irq_matrix_free_count(m, IRQ_CPU(i)) : 0;
	}
	irq_unlock(flags);
	c->virq_free = irq_virq_free_count();
	c->pool_free = irq_pool_free_count();
}

#endif
