/* SPDX-License-Identifier: MIT */
/* vector.affinity: moves between online CPUs; an offline target is refused and the old route stays. */
#include "kernel/test/dtest.h"
#include "tests/guest/ipi_probe.h"

#define AFFINITY_K 5

/* K IPIs on the interrupt's current route; returns how many arrived. */
static unsigned affinity_fire(struct ipi_probe *p)
{
	unsigned cpu = ipi_probe_cpu(p);
	uint32_t vec = ipi_probe_vector(p);
	unsigned n = 0;
	while (n < AFFINITY_K && !ipi_probe_send_wait(p, cpu, vec, p->hits[cpu]))
		n++;
	return n;
}

DTEST(vector_affinity, .name = "vector.affinity",
      .summary = "affinity to an offline CPU is -EINVAL and the old route delivers; a move works",
      .arch = DTEST_ARCH_X86_64, .min_cpus = 2, .deadline_ms = 5000)
{
	if (!arch_irq_domain())
		return dtest_skip(t, "no bottom interrupt domain");
	unsigned cpus = arch_cpu_count();
	struct ipi_counts start, now;
	ipi_counts_take(&start);

	struct irq_alloc_info offline = {.cpu = IRQ_CPU(cpus)};
	virq_t none;
	DT_EXPECT_EQ(t, irq_alloc(arch_irq_domain(), 1, &offline, &none), -EINVAL);

	struct ipi_probe p;
	int err = ipi_probe_alloc(&p, IRQ_CPU(1));
	if (!DT_EXPECT(t, err == 0, "allocating on CPU 1: %d", err))
		return;
	uint32_t vec = ipi_probe_vector(&p);
	DT_EXPECT_EQ(t, affinity_fire(&p), AFFINITY_K);
	struct msi_msg before_msg, msg;
	DT_EXPECT_EQ(t, irq_msg(p.virq, &before_msg), 0);

	const unsigned bad[] = {cpus, IRQ_MAX_CPUS - 1, IRQ_MAX_CPUS + 3};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (bad[i] < cpus)
			continue;
		err = irq_set_affinity(p.virq, IRQ_CPU(bad[i]));
		DT_EXPECT(t, err == -EINVAL, "affinity to offline CPU %u returned %d, expected %d",
			  bad[i], err, -EINVAL);
	}
	DT_EXPECT(t, ipi_probe_cpu(&p) == 1 && ipi_probe_vector(&p) == vec,
		  "after refused moves the route is CPU %u vector 0x%x, expected CPU 1 vector 0x%x",
		  ipi_probe_cpu(&p), ipi_probe_vector(&p), vec);
	DT_EXPECT_EQ(t, irq_affinity(p.virq).v, 1);
	DT_EXPECT(t, irq_msg(p.virq, &msg) == 0 && msi_msg_eq(&msg, &before_msg),
		  "the message changed after a refused move: 0x%x/0x%x, was 0x%x/0x%x",
		  msg.address_lo, msg.data, before_msg.address_lo, before_msg.data);
	DT_EXPECT(t, affinity_fire(&p) == AFFINITY_K && p.hits[1] == 2 * AFFINITY_K,
		  "the old route delivered %llu of %u", (unsigned long long)p.hits[1],
		  2 * AFFINITY_K);

	/* A real move to CPU 0: new vector there, the old one released on CPU 1. */
	err = irq_set_affinity(p.virq, IRQ_CPU(0));
	DT_EXPECT(t, err == 0, "move to CPU 0: %d", err);
	DT_EXPECT_EQ(t, ipi_probe_cpu(&p), 0);
	DT_EXPECT(t, irq_msg(p.virq, &msg) == 0 && !msi_msg_eq(&msg, &before_msg),
		  "the message was not recomposed after the move (0x%x/0x%x)", msg.address_lo,
		  msg.data);
	DT_EXPECT(t, affinity_fire(&p) == AFFINITY_K && p.hits[0] == AFFINITY_K,
		  "the new route delivered %llu of %u on CPU 0", (unsigned long long)p.hits[0],
		  AFFINITY_K);
	ipi_counts_take(&now);
	DT_EXPECT_EQ(t, now.matrix_allocated[1], start.matrix_allocated[1]);
	DT_EXPECT_EQ(t, now.matrix_allocated[0], start.matrix_allocated[0] + 1);

	irq_free(p.virq, 1);
	ipi_probe_settle(2000);
	ipi_counts_take(&now);
	for (unsigned c = 0; c < cpus; c++) {
		DT_EXPECT_EQ(t, now.matrix_allocated[c], start.matrix_allocated[c]);
		DT_EXPECT_EQ(t, now.unexpected[c], start.unexpected[c]);
		DT_EXPECT_EQ(t, now.spurious[c], start.spurious[c]);
	}
	DT_EXPECT_EQ(t, p.hits[1], 2 * AFFINITY_K);
	DT_EXPECT_EQ(t, now.virq_free, start.virq_free);
	DT_EXPECT_EQ(t, now.pool_free, start.pool_free);
}
