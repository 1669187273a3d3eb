/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_idalloc.h"

/*
 * Reserved ids are kept in the same bitmap as allocated ones (so the search
 * skips them); a second bitmap would be needed only to tell them apart on
 * free, and unreserve trusts its caller instead, like Linux's matrix does.
 */

void irq_idalloc_init(struct irq_idalloc *a, uint64_t *map, uint32_t first, uint32_t count)
{
	a->map = map;
	a->first = first;
	a->count = count;
	a->used = 0;
	a->reserved = 0;
	memset(map, 0, IRQ_IDALLOC_WORDS(count) * sizeof(*map));
}

static bool irq_idalloc_in_range(const struct irq_idalloc *a, uint32_t id, uint32_t nr)
{
	return id >= a->first && nr <= a->count && id - a->first <= a->count - nr;
}

uint32_t irq_idalloc_free_count(const struct irq_idalloc *a)
{
	return a->count - a->used;
}

int irq_idalloc_alloc(struct irq_idalloc *a, uint32_t *id)
{
	return irq_idalloc_alloc_range(a, 1, 1, id);
}

int irq_idalloc_alloc_range(struct irq_idalloc *a, uint32_t nr, uint32_t align, uint32_t *first)
{
	if (nr == 0 || align == 0 || (align & (align - 1)))
		return -EINVAL;
	if (nr > a->count - a->used)
		return -ENOSPC;
	/* Candidate ids are aligned in absolute terms, hence the round-up of first. */
	uint64_t id = ((uint64_t)a->first + align - 1) & ~((uint64_t)align - 1);
	for (; id + nr <= (uint64_t)a->first + a->count; id += align) {
		uint32_t bit = (uint32_t)(id - a->first);
		if (!irq_bitmap_range_clear(a->map, bit, nr))
			continue;
		for (uint32_t i = 0; i < nr; i++)
			irq_bitmap_set(a->map, bit + i);
		a->used += nr;
		*first = (uint32_t)id;
		return 0;
	}
	return -ENOSPC;
}

int irq_idalloc_free_range(struct irq_idalloc *a, uint32_t id, uint32_t nr)
{
	if (nr == 0 || !irq_idalloc_in_range(a, id, nr))
		return -EINVAL;
	/* Check all before clearing any, so a bad call changes nothing. */
	for (uint32_t i = 0; i < nr; i++)
		if (!irq_bitmap_test(a->map, id - a->first + i))
			return -EINVAL;
	for (uint32_t i = 0; i < nr; i++)
		irq_bitmap_clear(a->map, id - a->first + i);
	a->used -= nr;
	return 0;
}

int irq_idalloc_free(struct irq_idalloc *a, uint32_t id)
{
	return irq_idalloc_free_range(a, id, 1);
}

int irq_idalloc_reserve(struct irq_idalloc *a, uint32_t id)
{
	if (!irq_idalloc_in_range(a, id, 1))
		return -EINVAL;
	if (irq_bitmap_test(a->map, id - a->first))
		return -EBUSY;
	irq_bitmap_set(a->map, id - a->first);
	a->used++;
	a->reserved++;
	return 0;
}

int irq_idalloc_unreserve(struct irq_idalloc *a, uint32_t id)
{
	if (a->reserved == 0)
		return -EINVAL;
	int err = irq_idalloc_free(a, id);
	if (!err)
		a->reserved--;
	return err;
}
