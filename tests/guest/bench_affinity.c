/* SPDX-License-Identifier: MIT */
/*
 * bench.affinity: median cost of irq_set_affinity on an active edu MSI,
 * alternating CPU 1 and CPU 0, timed with the arch counter around each
 * call. Delivery is checked after the last move. Run only by the bench
 * configuration (bench=on).
 */
#include <stdlib.h>

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

#define BENCH_AFFINITY_MOVES 1000u

static uint64_t bench_affinity_ticks[BENCH_AFFINITY_MOVES];

static int bench_affinity_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

DTEST(bench_affinity, .name = "bench.affinity",
      .summary = "median irq_set_affinity cost, CPU 0/1 alternating, on an active edu MSI",
      .needs = DTEST_NEED_EDU, .min_cpus = 2, .deadline_ms = 10000, .bench = true)
{
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	uint64_t hz = arch_counter_hz();
	if (!DT_EXPECT(t, hz > 0, "arch counter frequency unknown"))
		goto out;
	deadline_t d = {dtest_deadline(t)};
	unsigned moves = 0, cpu = 0;
	for (unsigned i = 0; i < BENCH_AFFINITY_MOVES && !deadline_passed(d); i++) {
		cpu = (i + 1) % 2;
		uint64_t t0 = arch_counter_read();
		int err = irq_set_affinity(s.virq, IRQ_CPU(cpu));
		uint64_t t1 = arch_counter_read();
		if (!DT_EXPECT(t, err == 0, "move %u to CPU %u: %s", i, cpu, errno_name(err)))
			goto out;
		bench_affinity_ticks[moves++] = t1 - t0;
	}
	if (!DT_EXPECT_EQ(t, moves, BENCH_AFFINITY_MOVES))
		goto out;
	DT_EXPECT_EQ(t, irq_affinity(s.virq).v, cpu);

	/* The last move holds: one interrupt, on the CPU it names. */
	struct irqtest_snap before;
	irqtest_snap(&before, s.virq);
	if (!irqtest_msi_fire(&s, irqtest_hits(&s.counter) + 1))
		dtest_diag(t, "after %u moves the interrupt never came", moves);
	if (!irqtest_expect_delta(t, "bench.affinity", s.virq, &before, cpu, 1))
		goto out;

	qsort(bench_affinity_ticks, moves, sizeof(bench_affinity_ticks[0]), bench_affinity_cmp);
	uint64_t mid =
		moves % 2
			? bench_affinity_ticks[moves / 2]
			: (bench_affinity_ticks[moves / 2 - 1] + bench_affinity_ticks[moves / 2]) /
				  2;
	fact("bench.affinity_ns", "%llu", (unsigned long long)(mid * 1000000000ull / hz));
out:
	irqtest_msi_close(&s);
}
