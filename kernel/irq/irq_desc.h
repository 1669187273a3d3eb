/* SPDX-License-Identifier: MIT */
/*
 * Core internals shared by the core's files (not for drivers): descriptors,
 * the chain-entry pool, the virq allocator, per-CPU statistics.
 *
 * Locking (Linux: desc->lock, irq_bus_lock, and the domain and vector locks
 * under them), always taken in this order:
 *   1. the bus lock of the chain's top level, when it has one (a slow bus:
 *      irq_domain_ops.bus_lock); held while the device is written
 *   2. the descriptor lock(s), ascending virq order: the descriptor's state,
 *      handler, counts and message (delivery takes only this one)
 *   3. the core lock (irq_lock): the domains, the virq allocator, the pool,
 *      the chains and every level op
 * The descriptor and core locks are never held while a slow bus writes its
 * device (irq_bus_sync). Functions below that touch the allocator or the
 * pool want the core lock held.
 */
#ifndef DOORBELL_IRQ_DESC_H
#define DOORBELL_IRQ_DESC_H

#include "kernel/irq/irq.h"
#include "kernel/spinlock.h"

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

/*
 * Lock the descriptors of [first, first + nr) (valid virqs, ascending), with
 * local interrupts off; returns what irq_desc_unlock restores.
 */
unsigned long irq_desc_lock(virq_t first, uint32_t nr);
void irq_desc_unlock(virq_t first, uint32_t nr, unsigned long flags);
/* A slow bus held by an entry point (irq_bus.c). */
struct irq_bus {
	struct irq_domain *d; /* NULL: the chain's top has no bus lock */
	unsigned long flags;
};

/*
 * Every lock an entry point on [first, first + nr) takes, in order: the bus
 * lock of the top level (found under the descriptor lock), the descriptor
 * locks, the core lock.
 */
struct irq_entry {
	struct irq_bus bus;
	virq_t first;
	uint32_t nr;
	unsigned long desc_flags;
	unsigned long core_flags;
};

/* Take bus (when the top level of d has one), descriptor and core locks. */
void irq_entry_lock(struct irq_entry *e, virq_t first, uint32_t nr);
/* The same for an allocation in d: the bus lock only (no descriptor yet). */
void irq_entry_lock_domain(struct irq_entry *e, struct irq_domain *d);
/* Drop the core and descriptor locks; the bus lock stays. */
void irq_entry_unlock_desc(struct irq_entry *e);
/* Take them back (after irq_entry_sync). */
void irq_entry_relock_desc(struct irq_entry *e);
/*
 * With only the bus lock held: the bus level writes what it recorded
 * (Linux: irq_bus_sync_unlock's device write). 0 without a bus lock, else
 * the first failed message write's errno.
 */
int irq_entry_sync(struct irq_entry *e);
/* Drop the bus lock (the other locks are already dropped). */
void irq_entry_end(struct irq_entry *e);
/* True when the descriptor's top level is the bus e holds (or neither has one). */
bool irq_entry_covers(const struct irq_entry *e, const struct irq_desc *desc);

/*
 * The tables (irq_desc.c). Delivery (irq_handle.c) indexes them inline: a
 * virq it finds in a reverse map was allocated, so the tables are set up.
 */
extern struct irq_desc irq_descs[IRQ_NR_VIRQS];
extern struct spinlock irq_desc_locks[IRQ_NR_VIRQS];

/* True for the descriptor of an allocated virq (what irq_desc_get returns). */
static inline bool irq_desc_live(const struct irq_desc *desc)
{
	return desc->top && (desc->state & IRQ_STATE_ALLOCATED);
}

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
