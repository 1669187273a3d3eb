/* SPDX-License-Identifier: MIT */
/*
 * Descriptors, the virq allocator and the pool of chain entries. All static:
 * IRQ_NR_VIRQS descriptors and IRQ_DATA_POOL_SIZE irq_data entries shared by
 * every chain (a chain takes one entry per level, so 256 entries cover 85
 * interrupts through three levels).
 */
#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_desc.h"
#include "kernel/irq/irq_idalloc.h"
#include "kernel/spinlock.h"

struct irq_desc irq_descs[IRQ_NR_VIRQS];
/* Beside the descriptors, so releasing a descriptor never touches its lock. */
struct spinlock irq_desc_locks[IRQ_NR_VIRQS];
static struct irq_cpu_stats irq_stats[IRQ_MAX_CPUS];

static uint64_t irq_virq_map[IRQ_IDALLOC_WORDS(IRQ_NR_VIRQS)];
static struct irq_idalloc irq_virqs;
static bool irq_virqs_ready;

/* Free entries are linked through parent_data; in_use catches double puts. */
static struct irq_data irq_pool[IRQ_DATA_POOL_SIZE];
static bool irq_pool_in_use[IRQ_DATA_POOL_SIZE];
static struct irq_data *irq_pool_free;
static uint32_t irq_pool_free_n;

static void irq_desc_init_tables(void)
{
	memset(irq_descs, 0, sizeof(irq_descs));
	memset(irq_stats, 0, sizeof(irq_stats));
	memset(irq_desc_locks, 0, sizeof(irq_desc_locks));
	/* virq 0 means "none": skip it by starting the range at 1. */
	irq_idalloc_init(&irq_virqs, irq_virq_map, 1, IRQ_NR_VIRQS - 1);
	memset(irq_pool, 0, sizeof(irq_pool));
	memset(irq_pool_in_use, 0, sizeof(irq_pool_in_use));
	irq_pool_free = NULL;
	for (uint32_t i = IRQ_DATA_POOL_SIZE; i-- > 0;) {
		irq_pool[i].parent_data = irq_pool_free;
		irq_pool_free = &irq_pool[i];
	}
	irq_pool_free_n = IRQ_DATA_POOL_SIZE;
	irq_virqs_ready = true;
}

static void irq_desc_ensure_ready(void)
{
	if (!irq_virqs_ready)
		irq_desc_init_tables();
}

void irq_core_reset(void)
{
	unsigned long flags = irq_lock();
	irq_desc_init_tables();
	irq_domain_reset();
	irq_unlock(flags);
}

/* How many of [first, first + nr) are valid virqs (the range is cut at the first invalid one). */
static uint32_t irq_desc_lock_count(virq_t first, uint32_t nr)
{
	if (!virq_valid(first))
		return 0;
	uint32_t room = IRQ_NR_VIRQS - first.v;
	return nr < room ? nr : room;
}

unsigned long irq_desc_lock(virq_t first, uint32_t nr)
{
	unsigned long flags = irq_cpu_irq_save();
	uint32_t n = irq_desc_lock_count(first, nr);
	for (uint32_t i = 0; i < n; i++)
		spin_lock(&irq_desc_locks[first.v + i]);
	return flags;
}

void irq_desc_unlock(virq_t first, uint32_t nr, unsigned long flags)
{
	for (uint32_t i = irq_desc_lock_count(first, nr); i-- > 0;)
		spin_unlock(&irq_desc_locks[first.v + i]);
	irq_cpu_irq_restore(flags);
}

struct irq_desc *irq_desc_slot(virq_t virq)
{
	irq_desc_ensure_ready();
	return virq_valid(virq) ? &irq_descs[virq.v] : NULL;
}

struct irq_desc *irq_desc_get(virq_t virq)
{
	struct irq_desc *desc = irq_desc_slot(virq);
	return desc && irq_desc_live(desc) ? desc : NULL;
}

int irq_desc_virq_alloc(uint32_t nr, virq_t *first)
{
	uint32_t v;

	irq_desc_ensure_ready();
	int err = irq_idalloc_alloc_range(&irq_virqs, nr, 1, &v);
	if (!err)
		*first = VIRQ(v);
	return err;
}

void irq_desc_virq_release(virq_t first, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++)
		memset(&irq_descs[first.v + i], 0, sizeof(irq_descs[0]));
	irq_idalloc_free_range(&irq_virqs, first.v, nr);
}

struct irq_data *irq_desc_pool_get(void)
{
	irq_desc_ensure_ready();
	struct irq_data *data = irq_pool_free;
	if (!data)
		return NULL;
	irq_pool_free = data->parent_data;
	irq_pool_free_n--;
	irq_pool_in_use[data - irq_pool] = true;
	memset(data, 0, sizeof(*data));
	data->cpu = IRQ_CPU_NONE;
	return data;
}

void irq_desc_pool_put(struct irq_data *data)
{
	size_t i = (size_t)(data - irq_pool);
	if (i >= IRQ_DATA_POOL_SIZE || !irq_pool_in_use[i])
		return;
	irq_pool_in_use[i] = false;
	memset(data, 0, sizeof(*data));
	data->parent_data = irq_pool_free;
	irq_pool_free = data;
	irq_pool_free_n++;
}

uint32_t irq_desc_pool_available(void)
{
	irq_desc_ensure_ready();
	return irq_pool_free_n;
}

uint32_t irq_desc_levels(const struct irq_desc *desc, struct irq_data *levels[IRQ_MAX_DEPTH])
{
	struct irq_data *top_down[IRQ_MAX_DEPTH];
	uint32_t n = 0;

	for (struct irq_data *d = desc->top; d && n < IRQ_MAX_DEPTH; d = d->parent_data)
		top_down[n++] = d;
	for (uint32_t i = 0; i < n; i++)
		levels[i] = top_down[n - 1 - i];
	return n;
}

struct irq_cpu_stats *irq_desc_cpu_stats(irq_cpu_t cpu)
{
	irq_desc_ensure_ready();
	return irq_cpu_valid(cpu) ? &irq_stats[cpu.v] : NULL;
}

/* --- queries ---------------------------------------------------------------- */

uint32_t irq_state(virq_t virq)
{
	unsigned long flags = irq_desc_lock(virq, 1);
	struct irq_desc *desc = irq_desc_get(virq);
	uint32_t state = desc ? desc->state : 0;
	irq_desc_unlock(virq, 1, flags);
	return state;
}

irq_cpu_t irq_affinity(virq_t virq)
{
	unsigned long flags = irq_desc_lock(virq, 1);
	struct irq_desc *desc = irq_desc_get(virq);
	irq_cpu_t cpu = desc ? desc->affinity : IRQ_CPU_NONE;
	irq_desc_unlock(virq, 1, flags);
	return cpu;
}

int irq_msg(virq_t virq, struct msi_msg *msg)
{
	int err = -ENODATA;
	unsigned long flags = irq_desc_lock(virq, 1);
	struct irq_desc *desc = irq_desc_get(virq);
	if (desc && desc->msg_valid) {
		*msg = desc->msg;
		err = 0;
	}
	irq_desc_unlock(virq, 1, flags);
	return err;
}

struct irq_data *irq_chain(virq_t virq)
{
	unsigned long flags = irq_desc_lock(virq, 1);
	struct irq_desc *desc = irq_desc_get(virq);
	struct irq_data *top = desc ? desc->top : NULL;
	irq_desc_unlock(virq, 1, flags);
	return top;
}

uint64_t irq_count(virq_t virq, irq_cpu_t cpu)
{
	unsigned long flags = irq_desc_lock(virq, 1);
	struct irq_desc *desc = irq_desc_get(virq);
	uint64_t n = desc && irq_cpu_valid(cpu) ? desc->count[cpu.v] : 0;
	irq_desc_unlock(virq, 1, flags);
	return n;
}

/* Counted lock-free by the CPU that takes them (irq_handle.c). */
uint64_t irq_unexpected_count(irq_cpu_t cpu)
{
	struct irq_cpu_stats *s = irq_desc_cpu_stats(cpu);
	return s ? __atomic_load_n(&s->unexpected, __ATOMIC_RELAXED) : 0;
}

uint64_t irq_spurious_count(irq_cpu_t cpu)
{
	struct irq_cpu_stats *s = irq_desc_cpu_stats(cpu);
	return s ? __atomic_load_n(&s->spurious, __ATOMIC_RELAXED) : 0;
}

uint32_t irq_virq_free_count(void)
{
	unsigned long flags = irq_lock();
	irq_desc_ensure_ready();
	uint32_t n = irq_idalloc_free_count(&irq_virqs);
	irq_unlock(flags);
	return n;
}

uint32_t irq_pool_free_count(void)
{
	unsigned long flags = irq_lock();
	uint32_t n = irq_desc_pool_available();
	irq_unlock(flags);
	return n;
}
