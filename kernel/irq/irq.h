/* SPDX-License-Identifier: MIT */
/*
 * The irq core's entry points, for drivers (bus levels allocate through
 * them), the arch (delivery) and tests. Each takes the locks it needs in
 * the order of irq_desc.h (a slow bus's lock, the descriptor locks, the
 * core lock; delivery and the queries only the descriptor lock): never call
 * them from a level op (see irq_domain.h).
 *
 * Life of an interrupt:
 *   irq_alloc      virqs + chain; the top level's alloc recurses to the bottom
 *   irq_activate   levels bottom-up, then compose and write_msg
 *   irq_unmask     the device may send
 *   irq_handle     the arch's delivery entry: (bottom domain, cpu, hwirq) -> handler
 *   irq_set_affinity, irq_mask, irq_deactivate, irq_free
 * Every failure returns the failing level's errno unchanged with all partial
 * work undone.
 */
#ifndef DOORBELL_IRQ_H
#define DOORBELL_IRQ_H

#include "kernel/irq/irq_domain.h"
#include "kernel/irq/irq_types.h"

typedef void (*irq_handler_t)(virq_t virq, void *cookie);

/* irq_state() bits. */
#define IRQ_STATE_ALLOCATED (1u << 0)
#define IRQ_STATE_ACTIVATED (1u << 1)
#define IRQ_STATE_MASKED    (1u << 2) /* set at allocation: devices start masked */

/* Forget every domain, interrupt and count (boot, and between host tests). */
void irq_core_reset(void);

/*
 * Allocate nr consecutive virqs with their chains in domain d (the top) and
 * run the levels' alloc. 0 and *virq = the first, or the errno of the level
 * that failed (or -EINVAL for bad arguments or an offline info->cpu, -ENOSPC
 * when virqs or chain entries run out) with nothing left allocated.
 */
int irq_alloc(struct irq_domain *d, uint32_t nr, const struct irq_alloc_info *info, virq_t *virq);
/*
 * Free a group returned by one irq_alloc (exactly [virq, virq + nr)):
 * deactivates what is active, then frees the levels top-down. 0 or -EINVAL.
 */
int irq_free(virq_t virq, uint32_t nr);

/* Activate levels bottom-up, compose, write: 0 (also when already active) or errno, undone. */
int irq_activate(virq_t virq);
/* Deactivate levels top-down (the device first): 0, or -EINVAL. */
int irq_deactivate(virq_t virq);

/*
 * Move virq to cpu: -EINVAL (nothing changed) for an offline CPU. Protocol:
 * the levels stage the move bottom-up (each keeps its old routing working);
 * a level answering DONE ends the walk; if the top answer is UPDATE_MSG and
 * the interrupt is active, the core recomposes and the bus level writes the
 * new message; then every staged level commits. If any level or the compose
 * fails, the staged levels revert top-down and the old routing (and the
 * message in the device) is what it was. Returns 0 or the errno unchanged.
 */
int irq_set_affinity(virq_t virq, irq_cpu_t cpu);

/* Mask/unmask at the level nearest the device that can: 0, -EINVAL, -EOPNOTSUPP. */
int irq_mask(virq_t virq);
int irq_unmask(virq_t virq);

/* Handler called on delivery (NULL to remove): 0 or -EINVAL. */
int irq_set_handler(virq_t virq, irq_handler_t fn, void *cookie);

/*
 * Delivery, called by the arch with interrupts off: hwirq of bottom domain d
 * arrived on cpu. Counts it against the virq and calls its handler (outside
 * the lock); an unmapped hwirq is counted as unexpected on cpu. 0, -ENOENT
 * (unexpected), -EINVAL (bad cpu).
 */
int irq_handle(struct irq_domain *d, irq_cpu_t cpu, hwirq_t hwirq);
/* The interrupt controller reported a spurious interrupt on cpu. */
void irq_account_spurious(irq_cpu_t cpu);

/*
 * Attach the platform's policy to domain d (NULL removes it): 0 or -EINVAL
 * (d not registered).
 */
int irq_domain_set_gate(struct irq_domain *d, irq_domain_gate_fn gate);
/*
 * May a bus domain using feature sit on d? Asks d and every level below it,
 * top-down, each level's gate first, then its feature mask. 0 when no gate
 * refuses and at least one level has the feature in its mask; otherwise
 * -EOPNOTSUPP with *reason (the first refusal's words, or that no level
 * supports it), or -EINVAL (d not registered, reason "no such domain").
 */
int irq_domain_supports(struct irq_domain *d, uint32_t feature, const char **reason);

/* --- queries (tests, report) ------------------------------------------------ */

uint32_t irq_state(virq_t virq);     /* IRQ_STATE_*, 0 when not allocated */
irq_cpu_t irq_affinity(virq_t virq); /* IRQ_CPU_NONE when unknown */
/* The message last written to the device: 0, or -ENODATA when none. */
int irq_msg(virq_t virq, struct msi_msg *msg);
/* The chain's top level, NULL when not allocated. */
struct irq_data *irq_chain(virq_t virq);
uint64_t irq_count(virq_t virq, irq_cpu_t cpu);
uint64_t irq_unexpected_count(irq_cpu_t cpu);
uint64_t irq_spurious_count(irq_cpu_t cpu);
uint32_t irq_virq_free_count(void);
uint32_t irq_pool_free_count(void); /* of IRQ_DATA_POOL_SIZE */

#endif
