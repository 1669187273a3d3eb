/* SPDX-License-Identifier: MIT */
#include "kernel/time.h"

/*
 * v * num / den without a 128-bit division (no compiler runtime in the
 * guest): exact while (den - 1) * num fits in 64 bits, true for counter
 * rates up to tens of GHz.
 */
static uint64_t scale(uint64_t v, uint64_t num, uint64_t den)
{
	if (!den)
		return 0;
	return v / den * num + v % den * num / den;
}

uint64_t time_ms_to_ticks(uint64_t ms)
{
	return scale(ms, arch_counter_hz(), 1000);
}

uint64_t time_us_to_ticks(uint64_t us)
{
	return scale(us, arch_counter_hz(), 1000000);
}

uint64_t time_ticks_to_us(uint64_t ticks)
{
	return scale(ticks, 1000000, arch_counter_hz());
}
