/* SPDX-License-Identifier: MIT */
/*
 * bench.msi: edu MSIs per second to each of CPU 0 and CPU 1, raised in
 * lockstep (each one waited for before the next), every one counted where
 * it was aimed. Run only by the bench configuration (bench=on): it measures
 * real time, so it belongs to a configuration without icount. The address
 * edu's message carries is a fact (msi.edu_addr): it names the way the
 * doorbell write takes (docs/architecture.md, "Nested").
 */
#include <stdio.h>

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

#define BENCH_MSI_PER_CPU 20000u
#define BENCH_MSI_CPUS    2u

DTEST(bench_msi, .name = "bench.msi",
      .summary = "edu MSI rate in lockstep to CPU 0 and CPU 1, exact counts, rates as facts",
      .needs = DTEST_NEED_EDU, .min_cpus = BENCH_MSI_CPUS, .deadline_ms = 60000, .bench = true)
{
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	struct msi_msg m;
	int err = irq_msg(s.virq, &m);
	if (!DT_EXPECT(t, err == 0, "irq_msg: %s", errno_name(err)))
		goto out;
	fact("msi.edu_addr", "0x%llx", (unsigned long long)msi_msg_address(&m).v);
	for (unsigned cpu = 0; cpu < BENCH_MSI_CPUS; cpu++) {
		uint64_t ticks;
		bool ok;
		uint32_t sent = irqtest_msi_lockstep(t, &s, cpu, BENCH_MSI_PER_CPU, "bench.msi",
						     &ticks, &ok);
		if (!ok)
			break;
		uint64_t us = time_ticks_to_us(ticks);
		char key[40];
		snprintf(key, sizeof(key), "bench.msi_irqs_per_sec_cpu%u", cpu);
		if (DT_EXPECT(t, us > 0, "CPU %u: %u interrupts took no time", cpu, sent))
			fact(key, "%llu", (unsigned long long)((uint64_t)sent * 1000000 / us));
	}
out:
	irqtest_msi_close(&s);
}
