/* SPDX-License-Identifier: MIT */
#include "tests/guest/irqtest.h"

#include <string.h>

#include "kernel/config.h"

#include "arch/hooks.h"
#include "kernel/time.h"

void irqtest_handler(virq_t virq, void *cookie)
{
	struct irqtest_counter *c = cookie;
	c->last_cpu = IRQ_CPU(arch_cpu_current());
	__atomic_fetch_add(&c->hits, 1, __ATOMIC_RELEASE);
}

uint64_t irqtest_hits(const struct irqtest_counter *c)
{
	return __atomic_load_n(&c->hits, __ATOMIC_ACQUIRE);
}

/*
 * Poll rather than halt: a halt with no interrupt coming would outlive
 * every deadline. TCG takes interrupts between translated blocks, so the
 * loop sees them.
 */
bool irqtest_wait(const struct irqtest_counter *c, uint64_t want, uint64_t timeout_us)
{
	deadline_t d = deadline_in_us(timeout_us);
	bool reached;
	arch_irq_enable();
	while (!(reached = irqtest_hits(c) >= want) && !deadline_passed(d))
		arch_cpu_relax();
	arch_irq_disable();
	return reached;
}

void irqtest_idle(uint64_t us)
{
	deadline_t d = deadline_in_us(us);
	arch_irq_enable();
	while (!deadline_passed(d))
		arch_cpu_relax();
	arch_irq_disable();
}

void irqtest_take_pending(void)
{
	arch_irq_enable();
	for (int i = 0; i < 4; i++)
		arch_cpu_relax();
	arch_irq_disable();
}

void irqtest_snap(struct irqtest_snap *s, virq_t virq)
{
	s->cpus = arch_cpu_count();
	if (s->cpus > IRQ_MAX_CPUS)
		s->cpus = IRQ_MAX_CPUS;
	for (unsigned c = 0; c < s->cpus; c++) {
		s->count[c] = irq_count(virq, IRQ_CPU(c));
		s->unexpected[c] = irq_unexpected_count(IRQ_CPU(c));
		s->spurious[c] = irq_spurious_count(IRQ_CPU(c));
	}
}

bool irqtest_expect_delta(struct dtest_ctx *t, const char *label, virq_t virq,
			  const struct irqtest_snap *before, unsigned cpu, uint64_t want)
{
	struct irqtest_snap now;
	irqtest_snap(&now, virq);
	return irqtest_expect_between(t, label, virq, before, &now, cpu, want);
}

bool irqtest_expect_between(struct dtest_ctx *t, const char *label, virq_t virq,
			    const struct irqtest_snap *before, const struct irqtest_snap *after,
			    unsigned cpu, uint64_t want)
{
	const struct irqtest_snap now = *after;
	bool ok = true;
	for (unsigned c = 0; c < now.cpus; c++) {
		uint64_t got = now.count[c] - before->count[c];
		uint64_t exp = c == cpu ? want : 0;
		if (got != exp) {
			dtest_diag(
				t, "%s: virq %u on CPU %u: expected %llu interrupts, counted %llu",
				label, virq.v, c, (unsigned long long)exp, (unsigned long long)got);
			ok = false;
		}
		uint64_t unexp = now.unexpected[c] - before->unexpected[c];
		uint64_t spur = now.spurious[c] - before->spurious[c];
		if (unexp || spur) {
			dtest_diag(t, "%s: CPU %u saw %llu unexpected and %llu spurious interrupts",
				   label, c, (unsigned long long)unexp, (unsigned long long)spur);
			ok = false;
		}
	}
	DT_EXPECT(t, ok, "%s: per-CPU counts differ from the expected ones", label);
	return ok;
}

enum platform_gap_id irqtest_msix_gap(void)
{
	bool icount = config_get_bool("icount", false);
	return icount ? GAP_E1000E_MSIX_DUP_ALWAYS : GAP_E1000E_MSIX_DUP_UNPACED;
}
