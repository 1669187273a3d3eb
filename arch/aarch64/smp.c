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
