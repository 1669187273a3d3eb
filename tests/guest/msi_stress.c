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
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU, .deadline_ms = 60000)
{
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	unsigned n = arch_cpu_count();
	uint64_t sent = 0, ticks = 0;
	for (unsigned cpu = 0; cpu < n; cpu++) {
		uint32_t share = MSI_STRESS_TOTAL / n + (cpu < MSI_STRESS_TOTAL % n ? 1 : 0);
		int err = irq_set_affinity(s.virq, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "irq_set_affinity to CPU %u: %s", cpu, errno_name(err)))
			break;
		struct irqtest_snap before;
		irqtest_snap(&before, s.virq);
		uint64_t base = irqtest_hits(&s.counter);
		uint64_t t0 = arch_counter_read();
		uint32_t k;
		for (k = 1; k <= share; k++)
			if (!irqtest_msi_fire(&s, base + k))
				break;
		ticks += arch_counter_read() - t0;
		sent += k - 1;
		if (k <= share)
			dtest_diag(t, "CPU %u: interrupt %u of %u never came", cpu, k, share);
		if (!irqtest_expect_delta(t, "msi.stress", s.virq, &before, cpu, share))
			break;
	}
	uint64_t us = time_ticks_to_us(ticks);
	if (sent == MSI_STRESS_TOTAL && us)
		fact("msi.stress_irqs_per_sec", "%llu", (unsigned long long)(sent * 1000000 / us));
	DT_EXPECT_EQ(t, sent, MSI_STRESS_TOTAL);
out:
	irqtest_msi_close(&s);
}
