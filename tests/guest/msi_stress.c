/* SPDX-License-Identifier: MIT */
/*
 * msi.stress: edu MSIs spread over the CPUs in lockstep, every one counted
 * where it was aimed: 10 000 in an ordinary run, 100 000 with stress=on.
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

#define MSI_STRESS_NORMAL 10000u
#define MSI_STRESS_VOLUME 100000u

DTEST(msi_stress, .name = "msi.stress",
      .summary = "edu MSIs across the CPUs in lockstep (10 000, or 100 000 with stress=on), exact "
		 "counts, rate as a fact",
      .needs = DTEST_NEED_EDU, .deadline_ms = 60000)
{
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	const uint32_t total = dtest_volume(t, MSI_STRESS_NORMAL, MSI_STRESS_VOLUME);
	unsigned n = arch_cpu_count();
	uint64_t sent = 0, ticks = 0;
	for (unsigned cpu = 0; cpu < n; cpu++) {
		uint32_t share = total / n + (cpu < total % n ? 1 : 0);
		uint64_t took;
		bool ok;
		sent += irqtest_msi_lockstep(t, &s, cpu, share, "msi.stress", &took, &ok);
		ticks += took;
		if (!ok)
			break;
	}
	uint64_t us = time_ticks_to_us(ticks);
	if (sent == total && us)
		fact("msi.stress_irqs_per_sec", "%llu", (unsigned long long)(sent * 1000000 / us));
	DT_EXPECT_EQ(t, sent, total);
out:
	irqtest_msi_close(&s);
}
