/* SPDX-License-Identifier: MIT */
/* Time from the arch counter, and deadlines: every wait in doorbell has one. */
#ifndef DOORBELL_TIME_H
#define DOORBELL_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/hooks.h"

uint64_t time_ms_to_ticks(uint64_t ms);
uint64_t time_us_to_ticks(uint64_t us);
uint64_t time_ticks_to_us(uint64_t ticks);

typedef struct {
	uint64_t at; /* arch counter value */
} deadline_t;

static inline deadline_t deadline_in_us(uint64_t us)
{
	return (deadline_t){arch_counter_read() + time_us_to_ticks(us)};
}

static inline bool deadline_passed(deadline_t d)
{
	return (int64_t)(arch_counter_read() - d.at) >= 0;
}

#endif
