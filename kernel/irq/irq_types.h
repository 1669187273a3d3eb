/* SPDX-License-Identifier: MIT */
/*
 * Numbers of the interrupt stack that are easy to confuse, each its own
 * type so the compiler refuses a vector where a virq is expected:
 *   virq_t      the core's interrupt number (1..IRQ_NR_VIRQS-1; 0 is "none")
 *   hwirq_t     one level's own number: vector, IRTE index, LPI, EventID, slot
 *   irq_cpu_t   a logical CPU index (0..IRQ_MAX_CPUS-1), not an APIC ID or MPIDR
 *   irq_paddr_t a physical (or bus) address, as found in an MSI message
 */
#ifndef DOORBELL_IRQ_TYPES_H
#define DOORBELL_IRQ_TYPES_H

#include <stdbool.h>
#include <stdint.h>

/* Limits of the static tables (no allocator in the kernel). */
#define IRQ_NR_VIRQS       128 /* virq 0 is never handed out */
#define IRQ_MAX_CPUS       32  /* must fit irq_cpumask_t */
#define IRQ_MAX_DEPTH      6   /* levels in one chain */
#define IRQ_DATA_POOL_SIZE 256 /* struct irq_data entries shared by all chains */

typedef struct {
	uint32_t v;
} virq_t;

typedef struct {
	uint32_t v;
} hwirq_t;

typedef struct {
	uint32_t v;
} irq_cpu_t;

typedef struct {
	uint64_t v;
} irq_paddr_t;

/* Up to 64 CPUs; a struct so the width can grow without touching callers. */
typedef struct {
	uint64_t bits;
} irq_cpumask_t;

#define VIRQ(n)      ((virq_t){.v = (n)})
#define HWIRQ(n)     ((hwirq_t){.v = (n)})
#define IRQ_CPU(n)   ((irq_cpu_t){.v = (n)})
#define IRQ_PADDR(n) ((irq_paddr_t){.v = (n)})

#define VIRQ_NONE VIRQ(0)
/* "Any online CPU": the level picks, usually the least loaded. */
#define IRQ_CPU_ANY  IRQ_CPU(0xffffffffu)
#define IRQ_CPU_NONE IRQ_CPU(0xfffffffeu)

_Static_assert(IRQ_MAX_CPUS <= 64, "irq_cpumask_t holds 64 CPUs");

static inline bool virq_valid(virq_t virq)
{
	return virq.v != 0 && virq.v < IRQ_NR_VIRQS;
}

static inline bool irq_cpu_valid(irq_cpu_t cpu)
{
	return cpu.v < IRQ_MAX_CPUS;
}

static inline bool irq_cpu_eq(irq_cpu_t a, irq_cpu_t b)
{
	return a.v == b.v;
}

static inline bool irq_cpumask_test(irq_cpumask_t m, irq_cpu_t cpu)
{
	return cpu.v < 64 && (m.bits >> cpu.v) & 1;
}

static inline void irq_cpumask_set(irq_cpumask_t *m, irq_cpu_t cpu)
{
	if (cpu.v < 64)
		m->bits |= 1ull << cpu.v;
}

static inline void irq_cpumask_clear(irq_cpumask_t *m, irq_cpu_t cpu)
{
	if (cpu.v < 64)
		m->bits &= ~(1ull << cpu.v);
}

static inline irq_cpumask_t irq_cpumask_of(irq_cpu_t cpu)
{
	irq_cpumask_t m = {0};
	irq_cpumask_set(&m, cpu);
	return m;
}

/* The message a bus level stores in the device (PCI MSI, MSI-X, IMS). */
struct msi_msg {
	uint32_t address_lo;
	uint32_t address_hi;
	uint32_t data;
};

static inline irq_paddr_t msi_msg_address(const struct msi_msg *msg)
{
	return IRQ_PADDR(((uint64_t)msg->address_hi << 32) | msg->address_lo);
}

static inline void msi_msg_set_address(struct msi_msg *msg, irq_paddr_t addr)
{
	msg->address_lo = (uint32_t)addr.v;
	msg->address_hi = (uint32_t)(addr.v >> 32);
}

static inline bool msi_msg_eq(const struct msi_msg *a, const struct msi_msg *b)
{
	return a->address_lo == b->address_lo && a->address_hi == b->address_hi &&
	       a->data == b->data;
}

#endif
