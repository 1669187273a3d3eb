/* SPDX-License-Identifier: MIT */
/*
 * The second clock: the ACPI PM timer (ACPI 6.5 §4.8.3.3), a 24- or
 * 32-bit counter at 3.579545 MHz in I/O space, found in the FADT. Its
 * read extends it to 64 bits, so callers must read at least once per wrap
 * (4.7 s for 24 bits).
 */
#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"

#define PM_TIMER_HZ 3579545u

static uint16_t pm_port;
static uint32_t pm_mask;
static uint64_t pm_last, pm_high;

void x86_pm_timer_set(uint16_t port, bool is_32bit)
{
	pm_port = port;
	pm_mask = is_32bit ? 0xffffffffu : 0xffffffu;
	pm_last = 0;
	pm_high = 0;
}

static uint64_t pm_timer_read(void)
{
	uint64_t v = inl(pm_port) & pm_mask;
	if (v < pm_last)
		pm_high += (uint64_t)pm_mask + 1;
	pm_last = v;
	return pm_high + v;
}

static const struct arch_refclock pm_timer = {
	.name = "acpi-pm-timer",
	.hz = PM_TIMER_HZ,
	.read = pm_timer_read,
};

const struct arch_refclock *arch_refclock(void)
{
	return pm_port ? &pm_timer : 0;
}
