/* SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "kernel/irq/irq_cpu.h"

static irq_cpumask_t irq_cpu_boot_online(void)
{
	return irq_cpumask_of(IRQ_CPU(0));
}

static unsigned long irq_cpu_boot_lock(void)
{
	return 0;
}

static void irq_cpu_boot_unlock(unsigned long flags)
{
}

static const struct irq_cpu_ops irq_cpu_boot_ops = {
	.online_mask = irq_cpu_boot_online,
	.lock = irq_cpu_boot_lock,
	.unlock = irq_cpu_boot_unlock,
};

static const struct irq_cpu_ops *irq_cpu_ops = &irq_cpu_boot_ops;

void irq_cpu_set_ops(const struct irq_cpu_ops *ops)
{
	irq_cpu_ops = ops ? ops : &irq_cpu_boot_ops;
}

irq_cpumask_t irq_cpu_online_mask(void)
{
	return irq_cpu_ops->online_mask();
}

bool irq_cpu_online(irq_cpu_t cpu)
{
	return irq_cpu_valid(cpu) && irq_cpumask_test(irq_cpu_online_mask(), cpu);
}

unsigned long irq_lock(void)
{
	return irq_cpu_ops->lock();
}

void irq_unlock(unsigned long flags)
{
	irq_cpu_ops->unlock(flags);
}

unsigned long irq_cpu_irq_save(void)
{
	return irq_cpu_ops->irq_save ? irq_cpu_ops->irq_save() : 0;
}

void irq_cpu_irq_restore(unsigned long flags)
{
	if (irq_cpu_ops->irq_restore)
		irq_cpu_ops->irq_restore(flags);
}
