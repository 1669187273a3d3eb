/* SPDX-License-Identifier: MIT */
#include "kernel/smp.h"

#include "arch/hooks.h"
#include "kernel/cpu_mailbox.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/spinlock.h"

static volatile uint64_t smp_online_bits;
static unsigned smp_count = 1;
static struct spinlock smp_irq_core_lock;
static struct cpu_mailbox smp_mailbox[IRQ_MAX_CPUS];

/* --- the irq core's CPU operations ------------------------------------- */

static irq_cpumask_t smp_irq_online(void)
{
	return (irq_cpumask_t){__atomic_load_n(&smp_online_bits, __ATOMIC_ACQUIRE)};
}

static unsigned long smp_irq_lock(void)
{
	unsigned long flags = arch_irq_save();
	spin_lock(&smp_irq_core_lock);
	return flags;
}

static void smp_irq_unlock(unsigned long flags)
{
	spin_unlock(&smp_irq_core_lock);
	arch_irq_restore(flags);
}

static const struct irq_cpu_ops smp_irq_cpu_ops = {
	.online_mask = smp_irq_online,
	.lock = smp_irq_lock,
	.unlock = smp_irq_unlock,
	.irq_save = arch_irq_save,
	.irq_restore = arch_irq_restore,
};

/* --- the online CPUs -------------------------------------------------------- */

void smp_boot_cpu_init(void)
{
	__atomic_store_n(&smp_online_bits, 1, __ATOMIC_RELEASE);
	smp_count = 1;
	irq_cpu_set_ops(&smp_irq_cpu_ops);
}

void smp_cpu_set_online(unsigned cpu)
{
	if (cpu < IRQ_MAX_CPUS)
		__atomic_fetch_or(&smp_online_bits, 1ull << cpu, __ATOMIC_RELEASE);
}

bool smp_cpu_online(unsigned cpu)
{
	return cpu < IRQ_MAX_CPUS && (smp_irq_online().bits >> cpu) & 1;
}

unsigned smp_cpu_count(void)
{
	return smp_count;
}

void smp_cpu_count_set(unsigned count)
{
	smp_count = count;
}

/* --- calls ------------------------------------------------------------------ */

static int smp_call_kick(void *arg)
{
	return arch_cpu_kick((unsigned)(uintptr_t)arg);
}

int smp_call(unsigned cpu, void (*fn)(void *), void *arg, uint64_t timeout_us)
{
	if (!smp_cpu_online(cpu) || !fn)
		return -EINVAL;
	if (cpu == arch_cpu_current()) {
		fn(arg);
		return 0;
	}
	return cpu_mailbox_call(&smp_mailbox[cpu], fn, arg, timeout_us, smp_call_kick,
				(void *)(uintptr_t)cpu);
}

bool smp_call_run(unsigned cpu)
{
	if (cpu >= IRQ_MAX_CPUS)
		return false;
	cpu_mailbox_run(&smp_mailbox[cpu]);
	return cpu_mailbox_posted(&smp_mailbox[cpu]);
}
