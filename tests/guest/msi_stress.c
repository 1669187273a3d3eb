/* SPDX-License-Identifier: MIT */
/* msi.stress: 100 000 edu MSIs spread over the CPUs, every one counted where it was aimed. */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

#define MSI_STRESS_TOTAL 100000u

DTEST(msi_stress, .name = "msi.stress",
      .summary = "100 000 edu MSIs across the CPUs in lockstep, exact counts, rate as a fact",
      .needs = DTEST_NEED_EDU, .deadline_ms = 60000)
{
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	unsigned n = arch_cpu_count();
	uint64_t sent = 0, ticks = 0;
	for (unsigned cpu = 0; cpu < n; cpu++) {
		uint32_t share = MSI_STRESS_TOTAL / n + (cpu < MSI_STRESS_TOTAL % n ? 1 : 0);
		uint64_t took;
		bool ok;
		sent += irqtest_msi_lockstep(t, &s, cpu, share, "msi.stress", &took, &ok);
		ticks += took;
		if (!ok)
			break;
	}
	uint64_t us = time_ticks_to_us(ticks);
	if (sent == MSI_STRESS_TOTAL && us)
		fact("msi.stress_irqs_per_sec", "%llu", (unsigned long long)(sent * 1000000 / us));
	DT_EXPECT_EQ(t, sent, MSI_STRESS_TOTAL);
out:
	irqtest_msi_close(&s);
}
