/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_matrix.h"

int irq_matrix_init(struct irq_matrix *m, uint32_t first, uint32_t end)
{
	if (end > IRQ_MATRIX_BITS || first >= end)
		return -EINVAL;
	memset(m, 0, sizeof(*m));
	m->first = first;
	m->end = end;
	return 0;
}

static bool irq_matrix_id_ok(const struct irq_matrix *m, uint32_t id)
{
	return id >= m->first && id < m->end;
}

static bool irq_matrix_args_ok(const struct irq_matrix *m, irq_cpu_t cpu, uint32_t id)
{
	return irq_cpu_valid(cpu) && irq_matrix_id_ok(m, id);
}

int irq_matrix_reserve_system(struct irq_matrix *m, uint32_t id)
{
	if (!irq_matrix_id_ok(m, id))
		return -EINVAL;
	for (uint32_t c = 0; c < IRQ_MAX_CPUS; c++)
		if (irq_bitmap_test(m->cpu[c].used, id))
			return -EBUSY;
	irq_bitmap_set(m->system, id);
	m->system_count++;
	for (uint32_t c = 0; c < IRQ_MAX_CPUS; c++)
		irq_bitmap_set(m->cpu[c].used, id);
	return 0;
}

int irq_matrix_reserve(struct irq_matrix *m, irq_cpu_t cpu, uint32_t id)
{
	if (!irq_matrix_args_ok(m, cpu, id))
		return -EINVAL;
	struct irq_matrix_cpu *c = &m->cpu[cpu.v];
	if (irq_bitmap_test(c->used, id))
		return -EBUSY;
	irq_bitmap_set(c->used, id);
	irq_bitmap_set(c->reserved, id);
	c->reserved_count++;
	return 0;
}

int irq_matrix_unreserve(struct irq_matrix *m, irq_cpu_t cpu, uint32_t id)
{
	if (!irq_matrix_args_ok(m, cpu, id) || !irq_bitmap_test(m->cpu[cpu.v].reserved, id))
		return -EINVAL;
	struct irq_matrix_cpu *c = &m->cpu[cpu.v];
	irq_bitmap_clear(c->used, id);
	irq_bitmap_clear(c->reserved, id);
	c->reserved_count--;
	return 0;
}

uint32_t irq_matrix_free_count(const struct irq_matrix *m, irq_cpu_t cpu)
{
	if (!irq_cpu_valid(cpu))
		return 0;
	const struct irq_matrix_cpu *c = &m->cpu[cpu.v];
	return m->end - m->first - m->system_count - c->reserved_count - c->allocated_count;
}

uint32_t irq_matrix_allocated_count(const struct irq_matrix *m, irq_cpu_t cpu)
{
	return irq_cpu_valid(cpu) ? m->cpu[cpu.v].allocated_count : 0;
}

uint32_t irq_matrix_reserved_count(const struct irq_matrix *m, irq_cpu_t cpu)
{
	return irq_cpu_valid(cpu) ? m->cpu[cpu.v].reserved_count : 0;
}

bool irq_matrix_is_allocated(const struct irq_matrix *m, irq_cpu_t cpu, uint32_t id)
{
	if (!irq_matrix_args_ok(m, cpu, id))
		return false;
	const struct irq_matrix_cpu *c = &m->cpu[cpu.v];
	return irq_bitmap_test(c->used, id) && !irq_bitmap_test(c->reserved, id) &&
	       !irq_bitmap_test(m->system, id);
}

int irq_matrix_alloc(struct irq_matrix *m, irq_cpu_t cpu, uint32_t *id)
{
	if (!irq_cpu_valid(cpu))
		return -EINVAL;
	struct irq_matrix_cpu *c = &m->cpu[cpu.v];
	uint32_t bit = irq_bitmap_next_clear(c->used, m->first, m->end);
	if (bit == m->end)
		return -ENOSPC;
	irq_bitmap_set(c->used, bit);
	c->allocated_count++;
	*id = bit;
	return 0;
}

int irq_matrix_alloc_any(struct irq_matrix *m, irq_cpumask_t mask, irq_cpu_t *cpu, uint32_t *id)
{
	bool any = false;
	uint32_t best = IRQ_MAX_CPUS, best_free = 0;

	for (uint32_t c = 0; c < IRQ_MAX_CPUS; c++) {
		if (!irq_cpumask_test(mask, IRQ_CPU(c)))
			continue;
		any = true;
		uint32_t n = irq_matrix_free_count(m, IRQ_CPU(c));
		if (n > best_free) {
			best = c;
			best_free = n;
		}
	}
	if (!any)
		return -EINVAL;
	if (best == IRQ_MAX_CPUS)
		return -ENOSPC;
	int err = irq_matrix_alloc(m, IRQ_CPU(best), id);
	if (!err)
		*cpu = IRQ_CPU(best);
	return err;
}

int irq_matrix_free(struct irq_matrix *m, irq_cpu_t cpu, uint32_t id)
{
	if (!irq_matrix_is_allocated(m, cpu, id))
		return -EINVAL;
	struct irq_matrix_cpu *c = &m->cpu[cpu.v];
	irq_bitmap_clear(c->used, id);
	c->allocated_count--;
	return 0;
}
