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
	a->limit = count;
	memset(map, 0, IRQ_IDALLOC_WORDS(count) * sizeof(*map));
}

static bool irq_idalloc_in_range(const struct irq_idalloc *a, uint32_t id, uint32_t nr)
{
	return id >= a->first && nr <= a->count && id - a->first <= a->count - nr;
}

bool irq_idalloc_is_used(const struct irq_idalloc *a, uint32_t id)
{
	return irq_idalloc_in_range(a, id, 1) && irq_bitmap_test(a->map, id - a->first);
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
	if (nr > a->count - a->used || nr > a->limit)
		return -ENOSPC;
	/* Candidate ids are aligned in absolute terms, hence the round-up of first. */
	uint64_t mask = (uint64_t)align - 1;
	uint64_t end = (uint64_t)a->first + a->limit;
	uint64_t id = ((uint64_t)a->first + mask) & ~mask;
	while (id + nr <= end) {
		uint32_t bit = (uint32_t)(id - a->first);
		uint32_t taken = irq_bitmap_next_set(a->map, bit, bit + nr);
		if (taken == bit + nr) {
			for (uint32_t i = 0; i < nr; i++)
				irq_bitmap_set(a->map, bit + i);
			a->used += nr;
			*first = (uint32_t)id;
			return 0;
		}
		/* Next aligned start past the taken id, over runs of taken ids. */
		uint32_t free_bit =
			irq_bitmap_next_clear(a->map, taken + 1, (uint32_t)(end - a->first));
		id = ((uint64_t)a->first + free_bit + mask) & ~mask;
	}
	return -ENOSPC;
}

int irq_idalloc_alloc_at(struct irq_idalloc *a, uint32_t id, uint32_t nr)
{
	if (nr == 0 || !irq_idalloc_in_range(a, id, nr))
		return -EINVAL;
	uint32_t bit = id - a->first;
	if (irq_bitmap_next_set(a->map, bit, bit + nr) != bit + nr)
		return -EBUSY;
	for (uint32_t i = 0; i < nr; i++)
		irq_bitmap_set(a->map, bit + i);
	a->used += nr;
	return 0;
}

uint32_t irq_idalloc_set_limit(struct irq_idalloc *a, uint32_t limit)
{
	uint32_t old = a->limit;
	a->limit = limit && limit < a->count ? limit : a->count;
	return old;
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
