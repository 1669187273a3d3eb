/* SPDX-License-Identifier: MIT */
/* ITS ID spaces and table sizes in 64-bit arithmetic (Arm IHI 0069H §12.19.25, §12.19.1). */
#include "drivers/irqchip/gic_its_plan.h"

#include "kernel/errno.h"

uint64_t gic_its_id_count(unsigned bits)
{
	return 1ull << (bits > 32 ? 32 : bits);
}

bool gic_its_table_wants_two_level(unsigned page_size, unsigned entry_size, unsigned id_bits)
{
	return gic_its_id_count(id_bits) * entry_size > page_size;
}

/* Pages for `ids` IDs: entry bytes each flat, or a level-1 entry per per_page IDs. */
static uint64_t plan_pages(uint64_t ids, unsigned page_size, unsigned entry_size, bool two_level)
{
	uint64_t per_page = page_size / entry_size;
	uint64_t bytes =
		two_level ? (ids + per_page - 1) / per_page * GIC_ITS_L1_ENTRY : ids * entry_size;
	return (bytes + page_size - 1) / page_size;
}

int gic_its_table_plan(unsigned page_size, unsigned entry_size, unsigned id_bits, bool two_level,
		       struct gic_its_table_plan *out)
{
	if (!page_size || !entry_size || entry_size > page_size || !id_bits)
		return -EINVAL;
	unsigned bits = id_bits > 32 ? 32 : id_bits;
	uint64_t pages = plan_pages(gic_its_id_count(bits), page_size, entry_size, two_level);
	while (pages > GIC_ITS_BASER_PAGES_MAX && bits > 1) {
		bits--;
		pages = plan_pages(gic_its_id_count(bits), page_size, entry_size, two_level);
	}
	out->ids = gic_its_id_count(bits);
	out->pages = (unsigned)pages;
	return 0;
}
