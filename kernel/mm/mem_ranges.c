/* SPDX-License-Identifier: MIT */
#include "kernel/mm/mem_ranges.h"

bool mem_ranges_type_free(uint32_t type)
{
	return type == MEM_CONVENTIONAL;
}

bool mem_ranges_type_ram(uint32_t type)
{
	switch (type) {
	case MEM_LOADER_CODE:
	case MEM_LOADER_DATA:
	case MEM_BS_CODE:
	case MEM_BS_DATA:
	case MEM_RT_CODE:
	case MEM_RT_DATA:
	case MEM_CONVENTIONAL:
	case MEM_ACPI_RECLAIM:
	case MEM_ACPI_NVS:
	case MEM_PERSISTENT: return true;
	}
	return false;
}

bool mem_ranges_type_any(uint32_t type)
{
	(void)type;
	return true;
}

/* Inserts n into the sorted r[0..count), merging with what it touches. */
static unsigned mem_ranges_insert(struct mem_range *r, unsigned count, struct mem_range n)
{
	unsigned i = 0;
	while (i < count && r[i].end < n.base)
		i++;
	/* r[i] is the first range that ends at or after n starts: merge while they touch. */
	unsigned j = i;
	while (j < count && r[j].base <= n.end) {
		if (r[j].base < n.base)
			n.base = r[j].base;
		if (r[j].end > n.end)
			n.end = r[j].end;
		j++;
	}
	if (j == i) { /* nothing merged: open a slot at i */
		for (unsigned k = count; k > i; k--)
			r[k] = r[k - 1];
		count++;
	} else if (j > i + 1) { /* r[i..j) became one: close the gap */
		for (unsigned k = j; k < count; k++)
			r[i + 1 + k - j] = r[k];
		count -= j - i - 1;
	}
	r[i] = n;
	return count;
}

static bool mem_ranges_touches(const struct mem_range *r, unsigned count, struct mem_range n)
{
	for (unsigned i = 0; i < count; i++)
		if (r[i].base <= n.end && n.base <= r[i].end)
			return true;
	return false;
}

unsigned mem_ranges_collect(const struct mem_region *regions, unsigned count,
			    bool (*keep)(uint32_t type), struct mem_range *out, unsigned max,
			    unsigned *dropped)
{
	unsigned n = 0, lost = 0;
	for (unsigned i = 0; i < count && max; i++) {
		const struct mem_region *g = &regions[i];
		if (!keep(g->type) || !g->pages || g->pages > (~0ull - g->base) / MEM_RANGES_PAGE)
			continue;
		struct mem_range r = {g->base, g->base + g->pages * MEM_RANGES_PAGE};
		if (n == max && !mem_ranges_touches(out, n, r)) {
			/* Full: the highest range is left out, the new one or the last. */
			lost++;
			if (r.base > out[n - 1].base)
				continue;
			n--;
		}
		n = mem_ranges_insert(out, n, r);
	}
	if (dropped)
		*dropped = lost;
	return n;
}

unsigned mem_ranges_usable(struct mem_range *r, unsigned count, unsigned max, uint64_t min_phys)
{
	unsigned out = 0;
	for (unsigned i = 0; i < count; i++) {
		uint64_t base = r[i].base < min_phys ? min_phys : r[i].base;
		uint64_t end = r[i].end & ~(MEM_RANGES_PAGE - 1);
		if (base > ~0ull - (MEM_RANGES_PAGE - 1))
			continue;
		base = (base + MEM_RANGES_PAGE - 1) & ~(MEM_RANGES_PAGE - 1);
		if (end <= base)
			continue;
		/* Sorted and disjoint: at most one range crosses 4 GiB. */
		if (base < MEM_RANGES_4GIB && end > MEM_RANGES_4GIB && count < max) {
			for (unsigned k = count; k > i + 1; k--)
				r[k] = r[k - 1];
			r[i + 1] = (struct mem_range){MEM_RANGES_4GIB, end};
			count++;
			end = MEM_RANGES_4GIB;
		}
		r[out++] = (struct mem_range){base, end};
	}
	return out;
}

unsigned mem_ranges_keep_largest(struct mem_range *r, unsigned count, unsigned max)
{
	while (count > max) {
		/* Drop the smallest; on equal sizes the highest address goes. */
		unsigned s = 0;
		for (unsigned i = 1; i < count; i++)
			if (r[i].end - r[i].base <= r[s].end - r[s].base)
				s = i;
		for (unsigned i = s + 1; i < count; i++)
			r[i - 1] = r[i];
		count--;
	}
	return count;
}

uint64_t mem_ranges_overlap(const struct mem_range *r, unsigned count, uint64_t base, uint64_t size)
{
	uint64_t end = base + size, covered = 0;
	for (unsigned i = 0; i < count && r[i].base < end; i++) {
		uint64_t b = r[i].base > base ? r[i].base : base;
		uint64_t e = r[i].end < end ? r[i].end : end;
		if (b < e)
			covered += e - b;
	}
	return covered;
}
