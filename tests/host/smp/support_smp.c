/* SPDX-License-Identifier: MIT */
/* The arch hooks kernel/cpu_mailbox.c uses, on the host: the monotonic clock in ns. */
#include <sched.h>
#include <stdint.h>
#include <time.h>

#include "arch/hooks.h"

uint64_t arch_counter_read(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t arch_counter_hz(void)
{
	return 1000000000ull;
}

void arch_cpu_relax(void)
{
	sched_yield(); /* the target may be a thread on the same core */
}
