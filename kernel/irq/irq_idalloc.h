/* SPDX-License-Identifier: MIT */
/*
 * Id allocator for ranges that are not per CPU: IRTE indexes, ITS EventIDs,
 * LPIs, the core's virqs, the slots of a bus level (MSI-X entries, IMS
 * slots) and physical pages. The caller provides the bitmap storage, of a
 * fixed size or sized at run time (IRQ_IDALLOC_WORDS(count) words):
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
	uint32_t limit;    /* the searching allocators hand out only [first, first + limit) */
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
/*
 * Exactly [id, id + nr), for ids the caller names (a device's MSI-X entry or
 * IMS slot): 0; -EINVAL for nr 0 or a range outside the allocator; -EBUSY
 * when any of them is taken (then none is). Not bound by the limit.
 */
int irq_idalloc_alloc_at(struct irq_idalloc *a, uint32_t id, uint32_t nr);
/* Release [id, id + nr): 0, or -EINVAL if any of them was not allocated. */
int irq_idalloc_free_range(struct irq_idalloc *a, uint32_t id, uint32_t nr);
int irq_idalloc_free(struct irq_idalloc *a, uint32_t id);
/* Take one id out of use for good (firmware-owned entries): 0, -EINVAL, -EBUSY. */
int irq_idalloc_reserve(struct irq_idalloc *a, uint32_t id);
int irq_idalloc_unreserve(struct irq_idalloc *a, uint32_t id);
/*
 * Let alloc and alloc_range hand out only the first limit ids (0 or more
 * than count: all of them), to provoke exhaustion in a test; ids already
 * taken above it stay taken. Returns the previous limit.
 */
uint32_t irq_idalloc_set_limit(struct irq_idalloc *a, uint32_t limit);
bool irq_idalloc_is_used(const struct irq_idalloc *a, uint32_t id);
uint32_t irq_idalloc_free_count(const struct irq_idalloc *a);

#endif
