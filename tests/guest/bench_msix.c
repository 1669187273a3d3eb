/* SPDX-License-Identifier: MIT */
/*
 * bench.msix: MSI-X entry 0 interrupts per second on the MSI-X test device
 * (igb, else e1000e), each raise waited for. igb sends one message per raise,
 * unthrottled: the figure is the interrupt path's. e1000e throttles each
 * vector to one interrupt per 128 us of virtual time and sends duplicates
 * (docs/platform.md, "e1000e and igb"), so its raises start E1000E_RAISE_GAP_US apart: the figure is
 * bounded by that spacing (1e6 / 135 = 7407/s), and where counts are not
 * exact a late duplicate is device behaviour: counted as a fact, not failed.
 * A missing interrupt fails. Run only by the bench configurations (bench=on).
 */

#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

#define BENCH_MSIX_RAISES 5000u

DTEST(bench_msix, .name = "bench.msix",
      .summary = "MSI-X entry 0 rate (igb, else e1000e with raises spaced for its throttle), "
		 "none lost",
      .needs = DTEST_NEED_MSIX_DEV, .deadline_ms = 30000, .bench = true)
{
	struct irqtest_msix s;
	if (!irqtest_msix_open(t, &s, 1, 0, true))
		goto out;
	struct irqtest_snap before;
	irqtest_snap(&before, s.virq);
	uint64_t base = irqtest_hits(&s.counter[0]);
	unsigned gap_us = irqtest_msix_dev_gap_us(&s.dev);
	uint64_t t0 = arch_counter_read();
	uint32_t k;
	for (k = 1; k <= BENCH_MSIX_RAISES; k++) {
		deadline_t gap = deadline_in_us(gap_us);
		irqtest_msix_dev_raise(&s.dev, 0);
		if (!irqtest_wait(&s.counter[0], base + k, IRQTEST_WAIT_US)) {
			dtest_diag(t, "interrupt %u of %u never came", k, BENCH_MSIX_RAISES);
			break;
		}
		if (k == BENCH_MSIX_RAISES)
			break; /* the rate ends with the last interrupt, not its gap */
		while (!deadline_passed(gap))
			arch_cpu_relax();
	}
	uint64_t us = time_ticks_to_us(arch_counter_read() - t0);
	uint32_t raised = k > BENCH_MSIX_RAISES ? BENCH_MSIX_RAISES : k;
	irqtest_idle(2 * E1000E_RAISE_GAP_US); /* a late duplicate is counted here */
	uint64_t got = irq_count(s.virq, IRQ_CPU(0)) - before.count[0];
	if (!DT_EXPECT(t, got >= BENCH_MSIX_RAISES, "%llu interrupts for %u raises",
		       (unsigned long long)got, BENCH_MSIX_RAISES))
		goto out;
	if (got > BENCH_MSIX_RAISES && !irqtest_msix_dev_exact(&s.dev)) {
		kprintf("# bench.msix: %llu interrupts for %u raises (e1000e throttling "
			"duplicates, "
			"docs/platform.md, \"e1000e and igb\")\n",
			(unsigned long long)got, BENCH_MSIX_RAISES);
		/* Expected counts with the duplicates: no unexpected or spurious ones elsewhere. */
		irqtest_expect_delta(t, "bench.msix", s.virq, &before, 0, got);
	} else {
		irqtest_expect_delta(t, "bench.msix", s.virq, &before, 0, BENCH_MSIX_RAISES);
	}
	if (gap_us)
		kprintf("# bench.msix: %s raises spaced %u us apart (its throttle, 128 us per "
			"vector): at most %u/s\n",
			irqtest_msix_dev_name(&s.dev), gap_us, 1000000u / gap_us);
	fact("bench.msix_device", "%s", irqtest_msix_dev_name(&s.dev));
	if (DT_EXPECT(t, us > 0, "%u interrupts took no time", raised)) {
		fact("bench.msix_irqs_per_sec", "%llu",
		     (unsigned long long)((uint64_t)raised * 1000000 / us));
		fact("bench.msix_duplicates", "%llu",
		     (unsigned long long)(got - BENCH_MSIX_RAISES));
	}
out:
	irqtest_msix_close(&s);
}
