/* SPDX-License-Identifier: MIT */
/* One CPU and no interrupt domain yet: the GICv3 and PSCI CPU_ON come later. */
#include "arch/hooks.h"
#include "kernel/errno.h"

unsigned arch_smp_init(const struct acpi_tables *t, bool x2apic_allowed)
{
	(void)x2apic_allowed;
	(void)t;
	return 1;
}

unsigned arch_cpu_count(void)
{
	return 1;
}

unsigned arch_cpu_current(void)
{
	return 0;
}

int arch_cpu_call(unsigned cpu, void (*fn)(void *), void *arg, uint64_t timeout_us)
{
	(void)timeout_us;
	if (cpu != 0)
		return -EINVAL;
	fn(arg);
	return 0;
}

void arch_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

void arch_irq_wait(void)
{
	/* WFI wakes on a pending interrupt even while it is masked (D1.16.2). */
	__asm__ volatile("wfi" ::: "memory");
}

/*
 * No timer interrupt yet: a short spin with interrupts as they are.
 * Returning early is allowed (arch/hooks.h); callers loop.
 */
void arch_sleep_until(uint64_t counter_deadline)
{
	uint64_t step = arch_counter_hz() / 100000; /* 10 us */
	uint64_t now = arch_counter_read();
	if ((int64_t)(counter_deadline - now) > (int64_t)step)
		counter_deadline = now + step;
	while ((int64_t)(arch_counter_read() - counter_deadline) < 0)
		__asm__ volatile("yield");
}

struct irq_domain *arch_irq_domain(void)
{
	return 0;
}

struct irq_matrix *arch_irq_matrix(void)
{
	return 0;
}

int arch_irq_send_ipi(unsigned cpu, uint32_t hwirq)
{
	(void)cpu;
	(void)hwirq;
	return -EOPNOTSUPP;
}

uint64_t arch_cpu_hw_id(void)
{
	uint64_t mpidr;
	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	return mpidr & 0xff00ffffffull; /* Aff3..Aff0 */
}
