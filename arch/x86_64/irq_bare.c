/* SPDX-License-Identifier: MIT */
/*
 * The bare interrupt path (arch/hooks.h): LAPIC_VEC_BARE, outside the
 * vector domain and the irq core, counted by x86_interrupt and
 * acknowledged with an EOI, nothing else. Its message is in compatibility
 * format (SDM Vol. 3A 11.11.1); only meaningful without interrupt
 * remapping, which would block it.
 */
#include "arch/hooks.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/x86.h"
#include "arch/x86_64/x86_msi.h"
#include "kernel/errno.h"

static volatile uint64_t irq_bare_hits;
static volatile uint32_t irq_bare_armed;

bool x86_irq_bare_take(uint32_t vector)
{
	if (vector != LAPIC_VEC_BARE || !irq_bare_armed)
		return false;
	__atomic_fetch_add(&irq_bare_hits, 1, __ATOMIC_RELEASE);
	lapic_eoi();
	return true;
}

int arch_irq_bare_open(unsigned cpu, struct msi_msg *msg)
{
	if (cpu >= arch_cpu_count())
		return -EINVAL;
	int err = x86_msi_compose(x86_percpu_of(cpu)->apic_id, LAPIC_VEC_BARE, false, msg);
	if (err)
		return err;
	irq_bare_armed = 1;
	return 0;
}

uint64_t arch_irq_bare_count(void)
{
	return __atomic_load_n(&irq_bare_hits, __ATOMIC_ACQUIRE);
}

void arch_irq_bare_close(void)
{
	irq_bare_armed = 0;
}
