/* SPDX-License-Identifier: MIT */
#include "kernel/mm/idmap.h"

#include "kernel/errno.h"

static unsigned idmap_shift(unsigned level)
{
	return 39 - 9 * level;
}

unsigned idmap_parange_bits(unsigned parange)
{
	static const unsigned bits[] = {32, 36, 40, 42, 44, 48, 52};
	return parange < sizeof(bits) / sizeof(bits[0]) ? bits[parange] : 0;
}

int idmap_init(struct idmap *m)
{
	m->table_pages = 0;
	m->root = m->alloc_table();
	if (!m->root)
		return -ENOMEM;
	m->table_pages = 1;
	return 0;
}

/* RAM in [base, base + size): none, all, or part of it. */
enum idmap_kind { IDMAP_NONE, IDMAP_ALL, IDMAP_PART };

static enum idmap_kind idmap_kind(const struct idmap *m, uint64_t base, uint64_t size)
{
	uint64_t covered = mem_ranges_overlap(m->ram, m->ram_count, base, size);
	return !covered ? IDMAP_NONE : covered == size ? IDMAP_ALL : IDMAP_PART;
}

static int idmap_fill(struct idmap *m, uint64_t table, unsigned level, uint64_t base, uint64_t end)
{
	const struct idmap_ops *ops = m->ops;
	uint64_t *t = m->table_ptr(table);
	uint64_t span = 1ull << idmap_shift(level);
	for (uint64_t a = base & ~(span - 1); a < end; a += span) {
		uint64_t *e = &t[(a >> idmap_shift(level)) % IDMAP_ENTRIES];
		if (!ops->present(*e)) {
			enum idmap_kind k = level ? idmap_kind(m, a, span) : IDMAP_PART;
			bool leaf_ok = level == 3 || level == 2 || (level == 1 && m->gib_leaves);
			if (level == 3 || (leaf_ok && k != IDMAP_PART)) {
				*e = ops->leaf(a, level, k == IDMAP_ALL);
				continue;
			}
			uint64_t next = m->alloc_table();
			if (!next)
				return -ENOMEM;
			m->table_pages++;
			*e = ops->table(next);
		} else if (level == 3 || !ops->is_table(*e, level)) {
			continue; /* a leaf already: it stays */
		}
		uint64_t b = a > base ? a : base, x = a + span < end ? a + span : end;
		int err = idmap_fill(m, *e & ops->addr_mask, level + 1, b, x);
		if (err)
			return err;
	}
	return 0;
}

int idmap_map(struct idmap *m, uint64_t base, uint64_t end)
{
	if (base >= end || end > m->pa_top || end > IDMAP_VA_TOP)
		return -ERANGE;
	return idmap_fill(m, m->root, 0, base, end);
}

unsigned idmap_plan(const struct mem_region *regions, unsigned count, uint64_t floor,
		    uint64_t pa_top, struct mem_range *out, unsigned *clipped)
{
	unsigned n = 0, over = 0;
	uint64_t low = floor < pa_top ? floor : pa_top;
	if (low)
		out[n++] = (struct mem_range){0, low};
	for (unsigned i = 0; i < count; i++) {
		const struct mem_region *g = &regions[i];
		if (!g->pages || g->pages > (~0ull - g->base) / MEM_RANGES_PAGE)
			continue;
		uint64_t b = g->base & ~(IDMAP_GIB - 1), e = g->base + g->pages * MEM_RANGES_PAGE;
		if (e > pa_top) {
			over++;
			e = pa_top;
		}
		if (e <= low || b >= e)
			continue;
		e = e > ~0ull - (IDMAP_GIB - 1) ? e : (e + IDMAP_GIB - 1) & ~(IDMAP_GIB - 1);
		if (e > pa_top)
			e = pa_top;
		out[n++] = (struct mem_range){b > low ? b : low, e};
	}
	/* Sort (insertion: the map is sorted already) and merge what touches. */
	for (unsigned i = 1; i < n; i++) {
		struct mem_range r = out[i];
		unsigned j = i;
		for (; j > 0 && out[j - 1].base > r.base; j--)
			out[j] = out[j - 1];
		out[j] = r;
	}
	unsigned m = 0;
	for (unsigned i = 0; i < n; i++) {
		if (m && out[i].base <= out[m - 1].end) {
			if (out[i].end > out[m - 1].end)
				out[m - 1].end = out[i].end;
		} else {
			out[m++] = out[i];
		}
	}
	if (clipped)
		*clipped = over;
	return m;
}

unsigned idmap_lookup(const struct idmap *m, uint64_t va, uint64_t *entry)
{
	if (!m->root || va >= IDMAP_VA_TOP)
		return 0;
	uint64_t table = m->root;
	for (unsigned level = 0; level < IDMAP_LEVELS; level++) {
		uint64_t e = m->table_ptr(table)[(va >> idmap_shift(level)) % IDMAP_ENTRIES];
		if (!m->ops->present(e))
			return 0;
		if (level == 3 || !m->ops->is_table(e, level)) {
			if (entry)
				*entry = e;
			return level;
		}
		table = e & m->ops->addr_mask;
	}
	return 0;
}

/* True when nothing in [base, base + 1 GiB) translates. */
static bool idmap_gib_empty(const struct idmap *m, uint64_t base)
{
	uint64_t e0 = m->table_ptr(m->root)[(base >> idmap_shift(0)) % IDMAP_ENTRIES];
	if (!m->ops->present(e0))
		return true;
	uint64_t e1 =
		m->table_ptr(e0 & m->ops->addr_mask)[(base >> idmap_shift(1)) % IDMAP_ENTRIES];
	return !m->ops->present(e1);
}

uint64_t idmap_first_hole(const struct idmap *m, uint64_t from, uint64_t limit)
{
	if (!m->root)
		return 0;
	if (limit > IDMAP_VA_TOP)
		limit = IDMAP_VA_TOP;
	for (uint64_t a = (from + IDMAP_GIB - 1) & ~(IDMAP_GIB - 1); a && a < limit; a += IDMAP_GIB)
		if (idmap_gib_empty(m, a))
			return a;
	return 0;
}
