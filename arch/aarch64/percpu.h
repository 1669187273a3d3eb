/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU data on arm64, one struct aarch64_percpu per logical CPU, found
 * through TPIDR_EL1 (also at EL2: nothing else uses it, and TPIDR_EL1 is
 * not redirected under VHE). Set by arch_early_init on the boot CPU and by
 * the secondary entry (smp_entry.S) before any C code runs.
 */
#ifndef DOORBELL_AARCH64_PERCPU_H
#define DOORBELL_AARCH64_PERCPU_H

#include <stdint.h>

#include "arch/aarch64/aarch64.h"
#include "drivers/irqchip/gic.h"
#include "kernel/irq/irq_types.h"
#include "kernel/spinlock.h"

struct aarch64_percpu {
	struct aarch64_percpu *self;
	uint32_t index;           /* logical CPU index */
	volatile uint32_t online; /* set by the CPU itself once it takes interrupts */
	uint64_t mpidr;           /* MPIDR_EL1 affinity (Aff3 << 32 | Aff2.Aff1.Aff0) */
	/* Fault catching and exception nesting (fault.c, exceptions.c). */
	struct aarch64_catch *catch_armed;
	unsigned exc_depth;
	/* Counters of the interrupt entry (irq.c). */
	uint64_t call_sgi_count;
	uint64_t relay_sgi_count;
	uint64_t unexpected_count;
	/* LPIs sent to this CPU by arch_irq_send_ipi, waiting for the relay SGI. */
	uint64_t relay[GIC_LPI_WORDS];
};

static inline struct aarch64_percpu *aarch64_this_cpu(void)
{
	return (struct aarch64_percpu *)(uintptr_t)read_sysreg(tpidr_el1);
}

/* Storage of logical CPU index (0 = the boot CPU), NULL beyond IRQ_MAX_CPUS. */
struct aarch64_percpu *aarch64_percpu_of(unsigned index);
/* Point TPIDR_EL1 at pc (index set from its slot). */
void aarch64_percpu_activate(struct aarch64_percpu *pc);

#endif
