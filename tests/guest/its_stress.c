/* SPDX-License-Identifier: MIT */
/*
 * its.stress: edu MSIs through the ITS in lockstep (10 000, or 100 000
 * with stress=on) in ITS_STRESS_BATCHES batches, each moved to the next
 * CPU by MOVI: each batch counted exactly on its CPU and nowhere else.
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/itstest.h"

#define ITS_STRESS_NORMAL  10000u
#define ITS_STRESS_VOLUME  100000u
#define ITS_STRESS_BATCHES 100u

DTEST(its_stress, .name = "its.stress",
      .summary = "edu MSIs in 100 batches with a MOVI between batches: exact counts per CPU",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_EDU | DTEST_NEED_ITS, .deadline_ms = 120000)
{
	struct gic_its_domain *d = itstest_domain(t);
	if (!d)
		return;
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	const uint32_t total = dtest_volume(t, ITS_STRESS_NORMAL, ITS_STRESS_VOLUME);
	const uint32_t batch = total / ITS_STRESS_BATCHES;
	unsigned n = arch_cpu_count();
	uint64_t sent = 0, ticks = 0, movi = d->movi_count;
	for (unsigned b = 0; sent < total; b++) {
		uint64_t took;
		bool ok;
		sent += irqtest_msi_lockstep(t, &s, b % n, batch, "its.stress", &took, &ok);
		ticks += took;
		if (!ok)
			break;
	}
	DT_EXPECT_EQ(t, sent, total);
	/* The first batch stays where the interrupt was opened: no move for it. */
	DT_EXPECT_EQ(t, d->movi_count - movi, n > 1 ? ITS_STRESS_BATCHES - 1 : 0);
	uint64_t us = time_ticks_to_us(ticks);
	if (sent == total && us)
		fact("its.stress_irqs_per_sec", "%llu", (unsigned long long)(sent * 1000000 / us));
out:
	irqtest_msi_close(&s);
}
