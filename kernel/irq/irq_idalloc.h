/* SPDX-License-Identifier: MIT */
/*
 * Id allocator for ranges that are not per CPU: IRTE indexes, ITS EventIDs,
 * LPIs, the core's virqs. The caller provides the bitmap storage:
 *
 *	static uint64_t irte_map[IRQ_IDALLOC_WORDS(256)];
 *	irq_idalloc_init(&irte_ids, irte_map, 0, 256);
 *
 * Not locked: callers hold whatever lock protects the range (level ops run
 * with the irq core lock held).
 */
#ifndef DOORBELL_IRQ_IDALLOC_H
#define DOORBELL_IRQ_IDALLOC_H

#include <stdint.h>

#include "kernel/irq/irq_bitmap.h"

#define IRQ_IDALLOC_WORDS(count) IRQ_BITMAP_WORDS(count)

struct irq_idalloc {
	uint64_t *map;     /* bit i: id first + i is taken */
	uint32_t first;    /* lowest id */
	uint32_t count;    /* number of ids */
	uint32_t used;     /* allocated + reserved */
	uint32_t reserved; /* of which reserved (never handed out) */
};

void irq_idalloc_init(struct irq_idalloc *a, uint64_t *map, uint32_t first, uint32_t count);
/* Lowest free id: 0, or -ENOSPC when the range is full. */
int irq_idalloc_alloc(struct irq_idalloc *a, uint32_t *id);
/*
 * nr consecutive ids whose first is a multiple of align (a power of two,
 * counted from id 0, not from first: ITS EventID and LPI blocks need it).
 * 0, -EINVAL for nr or align 0, -ENOSPC.
 */
int irq_idalloc_alloc_range(struct irq_idalloc *a, uint32_t nr, uint32_t align, uint32_t *first);
/* Release [id, id + nr): 0, or -EINVAL if any of them was not allocated. */
int irq_idalloc_free_range(struct irq_idalloc *a, uint32_t id, uint32_t nr);
int irq_idalloc_free(struct irq_idalloc *a, uint32_t id);
/* Take one id out of use for good (firmware-owned entries): 0, -EINVAL, -EBUSY. */
int irq_idalloc_reserve(struct irq_idalloc *a, uint32_t id);
int irq_idalloc_unreserve(struct irq_idalloc *a, uint32_t id);
uint32_t irq_idalloc_free_count(const struct irq_idalloc *a);

#endif
