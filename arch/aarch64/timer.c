/* SPDX-License-Identifier: MIT */
/*
 * The deadline counter: the generic timer's virtual count (Arm ARM DDI 0487,
 * D11 "The Generic Timer in AArch64 state"). CNTFRQ_EL0 is programmed by
 * firmware; at EL2 (E2H = 0) CNTVCT_EL0 is the physical count minus
 * CNTVOFF_EL2, still monotonic at the same rate.
 */
#include "arch/aarch64/aarch64.h"
#include "kernel/exit.h"

static uint64_t timer_hz;

uint64_t arch_counter_read(void)
{
	uint64_t v;
	/* ISB: the read is not hoisted above earlier instructions (D11.2.2). */
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
}

uint64_t arch_counter_hz(void)
{
	if (!timer_hz)
		timer_hz = read_sysreg(cntfrq_el0) & 0xffffffffull;
	return timer_hz;
}

void arch_timer_init(const struct boot_info *bi)
{
	timer_hz = read_sysreg(cntfrq_el0) & 0xffffffffull;
	if (!timer_hz)
		panic("CNTFRQ_EL0 is 0: the firmware did not program the generic timer frequency");
}
