/* SPDX-License-Identifier: MIT */
/*
 * bench.msi_bare: the harness's own cost per interrupt. edu MSIs to CPU 0
 * in lockstep, first through the whole stack (bus domain, vector domain,
 * descriptor, handler, accounting), then as a bare message on the arch's
 * bare vector (arch_irq_bare_open: counted and acknowledged by the entry
 * code alone). Both loops raise, then wait the same way for the count to
 * move; the ratio of their rates is what the stack costs. The loops
 * alternate in rounds, so that a host busy at one moment weighs on both
 * alike. Run only by the
 * bench configuration without remapping (a bare message is not remapped).
 */
#include <stdio.h>

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

#define BENCH_BARE_ROUNDS 8u    /* of each loop */
#define BENCH_BARE_COUNT  2500u /* per turn */

static bool bench_bare_wait(uint64_t want)
{
	deadline_t d = deadline_in_us(IRQTEST_WAIT_US);
	bool reached;
	arch_irq_enable();
	while (!(reached = arch_irq_bare_count() >= want) && !deadline_passed(d))
		arch_cpu_relax();
	arch_irq_disable();
	return reached;
}

/* count bare interrupts in lockstep: the ticks they took, 0 when one never came. */
static uint64_t bench_bare_loop(struct dtest_ctx *t, struct irqtest_msi *s)
{
	struct pci_msi_info cap;
	struct msi_msg bare, real;
	int err = pci_msi_info(s->edu.pci, &cap);
	if (!DT_EXPECT(t, err == 0, "edu MSI capability: %s", errno_name(err)))
		return 0;
	err = arch_irq_bare_open(0, &bare);
	if (err) {
		dtest_skip(t, "no bare interrupt path on this arch: %s", errno_name(err));
		return 0;
	}
	irq_msg(s->virq, &real);
	irqtest_msi_cap_write(s->edu.pci, &cap, &bare);
	uint64_t base = arch_irq_bare_count(), t0 = arch_counter_read(), ticks;
	uint32_t k;
	for (k = 1; k <= BENCH_BARE_COUNT; k++) {
		edu_raise(&s->edu, 1);
		if (!bench_bare_wait(base + k))
			break;
	}
	ticks = arch_counter_read() - t0;
	irqtest_msi_cap_write(s->edu.pci, &cap, &real);
	arch_irq_bare_close();
	if (!DT_EXPECT(t, k > BENCH_BARE_COUNT, "bare interrupt %u of %u never came", k,
		       BENCH_BARE_COUNT))
		return 0;
	DT_EXPECT_EQ(t, arch_irq_bare_count() - base, BENCH_BARE_COUNT);
	return ticks;
}

static uint64_t bench_bare_rate(uint32_t n, uint64_t ticks)
{
	uint64_t us = time_ticks_to_us(ticks);
	return us ? (uint64_t)n * 1000000 / us : 0;
}

DTEST(bench_msi_bare, .name = "bench.msi_bare",
      .summary = "edu MSI rate to CPU 0 through the whole stack against the bare vector, and "
		 "their ratio",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU, .deadline_ms = 60000, .bench = true)
{
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	uint64_t stack_ticks = 0, bare_ticks = 0;
	/*
	 * Rounds in ABBA order (stack, bare, bare, stack, ...): a loop's place in
	 * the round (the first one pays for what the other left behind) and a
	 * host growing busier or quieter weigh on both alike.
	 */
	for (unsigned r = 0; r < 2 * BENCH_BARE_ROUNDS; r++) {
		bool stack_turn = (r & 1) == ((r >> 1) & 1);
		uint64_t ticks;
		if (stack_turn) {
			bool ok;
			uint32_t sent = irqtest_msi_lockstep(t, &s, 0, BENCH_BARE_COUNT,
							     "bench.msi_bare (stack)", &ticks, &ok);
			if (!ok || sent != BENCH_BARE_COUNT)
				goto out;
			stack_ticks += ticks;
		} else {
			ticks = bench_bare_loop(t, &s);
			if (!ticks)
				goto out;
			bare_ticks += ticks;
		}
	}
	uint32_t sent = BENCH_BARE_ROUNDS * BENCH_BARE_COUNT;
	uint64_t stack = bench_bare_rate(sent, stack_ticks);
	uint64_t bare = bench_bare_rate(sent, bare_ticks);
	if (!DT_EXPECT(t, stack && bare, "a loop took no time"))
		goto out;
	fact("bench.msi_stack_irqs_per_sec", "%llu", (unsigned long long)stack);
	fact("bench.msi_bare_irqs_per_sec", "%llu", (unsigned long long)bare);
	fact("bench.msi_stack_vs_bare_pct", "%llu", (unsigned long long)(stack * 100 / bare));
out:
	irqtest_msi_close(&s);
}
