/* SPDX-License-Identifier: MIT */
/*
 * The CPU bookkeeping both arches share: the online mask and the count, the
 * irq core's CPU operations (the calling CPU, the online mask, the one irq
 * lock), one call mailbox per CPU behind arch_cpu_call, and the MADT read
 * (smp_madt.c). The arch keeps what is its own: starting a CPU (x86
 * INIT-SIPI-SIPI, arm64 PSCI CPU_ON), the wake-up for a call
 * (arch_cpu_kick: an IPI, an SGI) and the idle loop around smp_call_run.
 *
 *	smp_boot_cpu_init();            // arch_smp_init, on the boot CPU: CPU 0 online
 *	...                             // the arch starts logical CPU n, which calls
 *	smp_cpu_set_online(n);          // once it takes interrupts, then idles:
 *	for (;;) {
 *		arch_irq_disable();
 *		if (!smp_call_run(n))
 *			arch_irq_wait();
 *	}
 *	smp_cpu_count_set(count);       // the boot CPU, once every CPU was tried
 */
#ifndef DOORBELL_SMP_H
#define DOORBELL_SMP_H

#include <stdbool.h>
#include <stdint.h>

struct acpi_madt;
struct acpi_tables;

/* On the boot CPU, before any other CPU starts: CPU 0 online, one CPU, the irq core's CPU ops. */
void smp_boot_cpu_init(void);
/* Logical CPU cpu takes interrupts and calls now (called by that CPU). */
void smp_cpu_set_online(unsigned cpu);
bool smp_cpu_online(unsigned cpu);
/* CPUs online, logical indexes 0 .. count-1 (arch_cpu_count). */
unsigned smp_cpu_count(void);
void smp_cpu_count_set(unsigned count);

/*
 * Run fn(arg) on logical CPU cpu (the caller's own included) and wait up to
 * timeout_us (arch_cpu_call): 0, -EINVAL (not online, no fn), -ETIMEDOUT,
 * or arch_cpu_kick's error.
 */
int smp_call(unsigned cpu, void (*fn)(void *), void *arg, uint64_t timeout_us);
/*
 * On CPU cpu with interrupts off, from its idle loop: run the call posted to
 * it, if any. True when another one is posted already (do not sleep).
 */
bool smp_call_run(unsigned cpu);

/* smp_madt.c: the firmware's MADT parsed into pages of its own, NULL when absent or bad. */
struct acpi_madt *smp_madt_read(const struct acpi_tables *t);
void smp_madt_free(struct acpi_madt *m);

#endif
