/* SPDX-License-Identifier: MIT */
#include "drivers/hpet/hpet_regs.h"

static int hpet_route_lowest(uint32_t cap, unsigned from, unsigned last)
{
	for (unsigned i = from; i <= last && i < 32; i++)
		if (cap & (1u << i))
			return (int)i;
	return -1;
}

int hpet_route_pick(uint32_t cap, unsigned first, unsigned last, unsigned prefer)
{
	int r = hpet_route_lowest(cap, prefer > first ? prefer : first, last);
	return r >= 0 ? r : hpet_route_lowest(cap, first, last);
}
