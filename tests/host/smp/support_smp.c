/* SPDX-License-Identifier: MIT */
/*
 * The arch hooks kernel/cpu_mailbox.c and kernel/smp.c use, on the host: the
 * monotonic clock in ns, a settable current CPU, interrupt state as a flag,
 * and a kick that counts and, when told, runs the target's mailbox at once.
 */
#include <sched.h>
#include <stdint.h>
#include <time.h>

#include "arch/hooks.h"
#include "kernel/smp.h"
#include "tests/host/smp/support_smp.h"

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

unsigned support_smp_current;
unsigned support_smp_kicks;
int support_smp_kick_result;
bool support_smp_kick_runs;
bool support_smp_irqs_off;

unsigned arch_cpu_current(void)
{
	return support_smp_current;
}

unsigned long arch_irq_save(void)
{
	unsigned long was_on = !support_smp_irqs_off;
	support_smp_irqs_off = true;
	return was_on;
}

void arch_irq_restore(unsigned long flags)
{
	if (flags)
		support_smp_irqs_off = false;
}

int arch_cpu_kick(unsigned cpu)
{
	support_smp_kicks++;
	if (support_smp_kick_result)
		return support_smp_kick_result;
	if (support_smp_kick_runs)
		smp_call_run(cpu); /* the target answers at once, as its idle loop would */
	return 0;
}
