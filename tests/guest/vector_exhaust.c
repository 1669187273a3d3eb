/* SPDX-License-Identifier: MIT */
/* vector.exhaust: a full CPU answers -ENOSPC, a failed group leaves nothing behind. */
#include "kernel/test/dtest.h"
#include "tests/guest/ipi_probe.h"

#define EXHAUST_LEFT 3 /* vectors left free on the CPU under test */

static uint8_t exhaust_reserved[256];

/* Reserve every free vector of cpu but `left`; returns how many were reserved. */
static unsigned exhaust_reserve(struct irq_matrix *m, irq_cpu_t cpu, unsigned left)
{
	unsigned n = 0;
	unsigned long flags = irq_lock();
	for (uint32_t v = m->first; v < m->end && irq_matrix_free_count(m, cpu) > left; v++)
		if (!irq_matrix_reserve(m, cpu, v)) {
			exhaust_reserved[v] = 1;
			n++;
		}
	irq_unlock(flags);
	return n;
}

static void exhaust_unreserve(struct irq_matrix *m, irq_cpu_t cpu)
{
	unsigned long flags = irq_lock();
	for (uint32_t v = 0; v < 256; v++)
		if (exhaust_reserved[v]) {
			irq_matrix_unreserve(m, cpu, v);
			exhaust_reserved[v] = 0;
		}
	irq_unlock(flags);
}

static void exhaust_expect_same(struct dtest_ctx *t, const char *when, const struct ipi_counts *a,
				const struct ipi_counts *b, unsigned cpus)
{
	DT_EXPECT(t, a->virq_free == b->virq_free && a->pool_free == b->pool_free,
		  "%s: free virqs %u -> %u, free chain entries %u -> %u", when, a->virq_free,
		  b->virq_free, a->pool_free, b->pool_free);
	for (unsigned c = 0; c < cpus; c++)
		DT_EXPECT(t,
			  a->matrix_allocated[c] == b->matrix_allocated[c] &&
				  a->matrix_free[c] == b->matrix_free[c] &&
				  a->matrix_reserved[c] == b->matrix_reserved[c],
			  "%s: CPU %u vectors allocated %u -> %u, free %u -> %u, reserved %u -> %u",
			  when, c, a->matrix_allocated[c], b->matrix_allocated[c],
			  a->matrix_free[c], b->matrix_free[c], a->matrix_reserved[c],
			  b->matrix_reserved[c]);
}

DTEST(vector_exhaust, .name = "vector.exhaust",
      .summary = "a CPU without free vectors answers -ENOSPC and leaks nothing",
      .arch = DTEST_ARCH_X86_64, .deadline_ms = 2000)
{
	struct irq_matrix *m = arch_irq_matrix();
	if (!arch_irq_domain() || !m)
		return dtest_skip(t, "no vector matrix");
	unsigned cpus = arch_cpu_count();
	irq_cpu_t cpu = IRQ_CPU(cpus - 1);
	struct ipi_counts start, mid, now;
	ipi_counts_take(&start);

	/* 208 vectors per CPU outnumber the virqs: reserve most of them to reach the limit. */
	unsigned reserved = exhaust_reserve(m, cpu, EXHAUST_LEFT);
	DT_EXPECT(t, start.matrix_free[cpu.v] - reserved == EXHAUST_LEFT,
		  "reserved %u of %u free vectors to leave %u", reserved, start.matrix_free[cpu.v],
		  EXHAUST_LEFT);

	struct irq_alloc_info info = {.cpu = cpu};
	virq_t got[EXHAUST_LEFT];
	unsigned n = 0;
	for (; n < EXHAUST_LEFT; n++) {
		int err = irq_alloc(arch_irq_domain(), 1, &info, &got[n]);
		if (!DT_EXPECT(t, err == 0, "allocation %u of %u on CPU %u: %d", n + 1,
			       EXHAUST_LEFT, cpu.v, err))
			break;
	}
	virq_t extra = VIRQ_NONE;
	ipi_counts_take(&mid);
	int err = irq_alloc(arch_irq_domain(), 1, &info, &extra);
	DT_EXPECT(t, err == -ENOSPC,
		  "allocation on a full CPU %u returned %d, expected -ENOSPC (%d)", cpu.v, err,
		  -ENOSPC);
	ipi_counts_take(&now);
	exhaust_expect_same(t, "after -ENOSPC", &mid, &now, cpus);

	/* A group of two with one vector free: all or nothing. */
	if (n > 0) {
		irq_free(got[--n], 1);
		ipi_counts_take(&mid);
		err = irq_alloc(arch_irq_domain(), 2, &info, &extra);
		DT_EXPECT(t, err == -ENOSPC, "a group of 2 with 1 vector free returned %d", err);
		ipi_counts_take(&now);
		exhaust_expect_same(t, "after a failed group", &mid, &now, cpus);
	}

	while (n > 0)
		irq_free(got[--n], 1);
	exhaust_unreserve(m, cpu);
	ipi_counts_take(&now);
	exhaust_expect_same(t, "at the end", &start, &now, cpus);
}
