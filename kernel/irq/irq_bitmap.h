/* SPDX-License-Identifier: MIT */
/* Bit arrays of uint64_t words, shared by the id, virq and matrix allocators. */
#ifndef DOORBELL_IRQ_BITMAP_H
#define DOORBELL_IRQ_BITMAP_H

#include <stdbool.h>
#include <stdint.h>

#define IRQ_BITMAP_WORDS(bits) (((bits) + 63) / 64)

static inline bool irq_bitmap_test(const uint64_t *map, uint32_t bit)
{
	return (map[bit / 64] >> (bit % 64)) & 1;
}

static inline void irq_bitmap_set(uint64_t *map, uint32_t bit)
{
	map[bit / 64] |= 1ull << (bit % 64);
}

static inline void irq_bitmap_clear(uint64_t *map, uint32_t bit)
{
	map[bit / 64] &= ~(1ull << (bit % 64));
}

/* First clear bit in [from, end), or end when there is none. */
static inline uint32_t irq_bitmap_next_clear(const uint64_t *map, uint32_t from, uint32_t end)
{
	for (uint32_t bit = from; bit < end; bit++) {
		if (map[bit / 64] == UINT64_MAX) {
			bit |= 63; /* skip a full word */
			continue;
		}
		if (!irq_bitmap_test(map, bit))
			return bit;
	}
	return end;
}

/* First set bit in [from, end), or end when there is none. */
static inline uint32_t irq_bitmap_next_set(const uint64_t *map, uint32_t from, uint32_t end)
{
	for (uint32_t bit = from; bit < end; bit++) {
		if ((map[bit / 64] >> (bit % 64)) == 0) {
			bit |= 63; /* nothing set in the rest of the word */
			continue;
		}
		if (irq_bitmap_test(map, bit))
			return bit;
	}
	return end;
}

#endif
