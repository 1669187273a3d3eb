/* SPDX-License-Identifier: MIT */
/*
 * its.stress: 100 000 edu MSIs through the ITS in lockstep, moved to the
 * next CPU by MOVI every ITS_STRESS_BATCH interrupts: each batch counted
 * exactly on its CPU and nowhere else.
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/itstest.h"

#define ITS_STRESS_TOTAL 100000u
#define ITS_STRESS_BATCH 1000u

DTEST(its_stress, .name = "its.stress",
      .summary = "100 000 edu MSIs with a MOVI every 1000: exact counts per CPU",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_EDU | DTEST_NEED_ITS, .deadline_ms = 120000)
{
	struct gic_its_domain *d = itstest_domain(t);
	if (!d)
		return;
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	unsigned n = arch_cpu_count();
	uint64_t sent = 0, ticks = 0, movi = d->movi_count;
	for (unsigned b = 0; sent < ITS_STRESS_TOTAL; b++) {
		uint64_t took;
		bool ok;
		sent += irqtest_msi_lockstep(t, &s, b % n, ITS_STRESS_BATCH, "its.stress", &took,
					     &ok);
		ticks += took;
		if (!ok)
			break;
	}
	DT_EXPECT_EQ(t, sent, ITS_STRESS_TOTAL);
	/* The first batch stays where the interrupt was opened: no move for it. */
	DT_EXPECT_EQ(t, d->movi_count - movi, n > 1 ? ITS_STRESS_TOTAL / ITS_STRESS_BATCH - 1 : 0);
	uint64_t us = time_ticks_to_us(ticks);
	if (sent == ITS_STRESS_TOTAL && us)
		fact("its.stress_irqs_per_sec", "%llu", (unsigned long long)(sent * 1000000 / us));
out:
	irqtest_msi_close(&s);
}
