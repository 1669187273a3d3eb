/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU id matrix: for every CPU a bitmap of the ids in [first, end) that
 * can target it. x86 device vectors come from here (0x20..0xEF, the same
 * vector number is a different interrupt on each CPU), with system vectors
 * taken out on every CPU. Not locked: the vector level calls it from its
 * ops, with the irq core lock held.
 */
#ifndef DOORBELL_IRQ_MATRIX_H
#define DOORBELL_IRQ_MATRIX_H

#include <stdint.h>

#include "kernel/irq/irq_bitmap.h"
#include "kernel/irq/irq_types.h"

#define IRQ_MATRIX_BITS 256 /* ids are 0..255: an x86 vector fits */

struct irq_matrix_cpu {
	uint64_t used[IRQ_BITMAP_WORDS(IRQ_MATRIX_BITS)];     /* allocated, reserved or system */
	uint64_t reserved[IRQ_BITMAP_WORDS(IRQ_MATRIX_BITS)]; /* per-CPU reservations */
	uint32_t allocated_count;
	uint32_t reserved_count;
};

struct irq_matrix {
	uint32_t first; /* lowest allocatable id */
	uint32_t end;   /* one past the highest */
	uint64_t system[IRQ_BITMAP_WORDS(IRQ_MATRIX_BITS)];
	uint32_t system_count; /* ids in [first, end) taken on every CPU */
	struct irq_matrix_cpu cpu[IRQ_MAX_CPUS];
};

/* Empty matrix over [first, end): 0, or -EINVAL if end > IRQ_MATRIX_BITS or first >= end. */
int irq_matrix_init(struct irq_matrix *m, uint32_t first, uint32_t end);

/* Take id out of the range on every CPU (system vector): 0, -EINVAL, -EBUSY if in use anywhere. */
int irq_matrix_reserve_system(struct irq_matrix *m, uint32_t id);
/* Take id out of the range on one CPU: 0, -EINVAL, -EBUSY. */
int irq_matrix_reserve(struct irq_matrix *m, irq_cpu_t cpu, uint32_t id);
/* Give back a per-CPU reservation: 0, or -EINVAL if id was not reserved on cpu. */
int irq_matrix_unreserve(struct irq_matrix *m, irq_cpu_t cpu, uint32_t id);

/* Lowest free id on cpu: 0, -EINVAL for a bad cpu, -ENOSPC when the CPU is full. */
int irq_matrix_alloc(struct irq_matrix *m, irq_cpu_t cpu, uint32_t *id);
/*
 * Lowest free id on the CPU of mask with the most free ids (lowest CPU on a
 * tie), which spreads device interrupts: 0, -EINVAL for an empty mask,
 * -ENOSPC when every CPU of mask is full.
 */
int irq_matrix_alloc_any(struct irq_matrix *m, irq_cpumask_t mask, irq_cpu_t *cpu, uint32_t *id);
/* Give back an allocated id: 0, or -EINVAL if it was not allocated on cpu. */
int irq_matrix_free(struct irq_matrix *m, irq_cpu_t cpu, uint32_t id);

bool irq_matrix_is_allocated(const struct irq_matrix *m, irq_cpu_t cpu, uint32_t id);
uint32_t irq_matrix_free_count(const struct irq_matrix *m, irq_cpu_t cpu);
uint32_t irq_matrix_allocated_count(const struct irq_matrix *m, irq_cpu_t cpu);
uint32_t irq_matrix_reserved_count(const struct irq_matrix *m, irq_cpu_t cpu);

#endif
