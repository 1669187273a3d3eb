/* SPDX-License-Identifier: MIT */
/*
 * Core internals shared by the core's files (not for drivers): descriptors,
 * the chain-entry pool, the virq allocator, per-CPU statistics. Callers hold
 * the core lock.
 */
#ifndef DOORBELL_IRQ_DESC_H
#define DOORBELL_IRQ_DESC_H

#include "kernel/irq/irq.h"

struct irq_desc {
	struct irq_data *top; /* chain, NULL when the virq is free */
	virq_t group_first;   /* the irq_alloc call this virq came from */
	uint32_t group_nr;
	uint32_t state; /* IRQ_STATE_* */
	irq_cpu_t affinity;
	irq_handler_t handler;
	void *cookie;
	struct msi_msg msg; /* last written to the device */
	bool msg_valid;
	uint64_t count[IRQ_MAX_CPUS];
};

struct irq_cpu_stats {
	uint64_t unexpected;
	uint64_t spurious;
};

/* Descriptor of an allocated virq, NULL otherwise. */
struct irq_desc *irq_desc_get(virq_t virq);
/* Descriptor slot whether allocated or not (NULL for an invalid number). */
struct irq_desc *irq_desc_slot(virq_t virq);

int irq_desc_virq_alloc(uint32_t nr, virq_t *first);
void irq_desc_virq_release(virq_t first, uint32_t nr);

struct irq_data *irq_desc_pool_get(void);
void irq_desc_pool_put(struct irq_data *data);
uint32_t irq_desc_pool_available(void);

/* Fill levels[] bottom first; returns the number of levels. */
uint32_t irq_desc_levels(const struct irq_desc *desc, struct irq_data *levels[IRQ_MAX_DEPTH]);

struct irq_cpu_stats *irq_desc_cpu_stats(irq_cpu_t cpu);

/* Compose (level nearest the bus that can) and write (bus level): 0 or errno. */
int irq_desc_update_msg(struct irq_desc *desc);
/* Deactivate levels[from-1] .. levels[0] that are active (top-down). */
void irq_desc_deactivate_levels(struct irq_data *levels[], uint32_t from);

void irq_domain_reset(void);
bool irq_domain_is_registered(const struct irq_domain *d);

#endif
