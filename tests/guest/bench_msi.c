/* SPDX-License-Identifier: MIT */
/*
 * bench.msi: edu MSIs per second to each of CPU 0 and CPU 1, raised in
 * lockstep (each one waited for before the next), every one counted where
 * it was aimed. Run only by the bench configuration (bench=on): it measures
 * real time, so it belongs to a configuration without icount.
 */
#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "kernel/config.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

#define BENCH_MSI_PER_CPU 20000u
#define BENCH_MSI_CPUS    2u

static bool bench_msi_enabled(struct dtest_ctx *t)
{
	const char *v = config_get("bench");
	if (v && !strcmp(v, "on"))
		return true;
	dtest_skip(t, "benchmark: runs only with bench=on (make bench)");
	return false;
}

DTEST(bench_msi, .name = "bench.msi",
      .summary = "edu MSI rate in lockstep to CPU 0 and CPU 1, exact counts, rates as facts",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU, .min_cpus = BENCH_MSI_CPUS,
      .deadline_ms = 60000)
{
	struct irqtest_msi s;
	if (!bench_msi_enabled(t))
		return;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	for (unsigned cpu = 0; cpu < BENCH_MSI_CPUS; cpu++) {
		int err = irq_set_affinity(s.virq, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "irq_set_affinity to CPU %u: %s", cpu, errno_name(err)))
			break;
		struct irqtest_snap before;
		irqtest_snap(&before, s.virq);
		uint64_t base = irqtest_hits(&s.counter);
		uint64_t t0 = arch_counter_read();
		uint32_t k;
		for (k = 1; k <= BENCH_MSI_PER_CPU; k++)
			if (!irqtest_msi_fire(&s, base + k))
				break;
		uint64_t us = time_ticks_to_us(arch_counter_read() - t0);
		uint32_t sent = k - 1;
		if (sent < BENCH_MSI_PER_CPU)
			dtest_diag(t, "CPU %u: interrupt %u of %u never came", cpu, k,
				   BENCH_MSI_PER_CPU);
		if (!irqtest_expect_delta(t, "bench.msi", s.virq, &before, cpu, BENCH_MSI_PER_CPU))
			break;
		char key[40];
		snprintf(key, sizeof(key), "bench.msi_irqs_per_sec_cpu%u", cpu);
		if (DT_EXPECT(t, us > 0, "CPU %u: %u interrupts took no time", cpu, sent))
			fact(key, "%llu", (unsigned long long)((uint64_t)sent * 1000000 / us));
	}
out:
	irqtest_msi_close(&s);
}
