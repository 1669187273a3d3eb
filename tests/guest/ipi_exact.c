/* SPDX-License-Identifier: MIT */
/* ipi.exact: K IPIs to each CPU on a vector-domain interrupt arrive exactly K times, there only. */
#include "kernel/test/dtest.h"
#include "tests/guest/ipi_probe.h"

#define IPI_EXACT_K 100

DTEST(ipi_exact, .name = "ipi.exact",
      .summary =
	      "K IPIs to every CPU arrive exactly K times on that CPU, none elsewhere, no spurious",
      .deadline_ms = 10000)
{
	if (!arch_irq_domain())
		return dtest_skip(t, "no bottom interrupt domain");
	unsigned cpus = arch_cpu_count();
	struct ipi_counts before, after;
	ipi_counts_take(&before);

	for (unsigned cpu = 0; cpu < cpus; cpu++) {
		struct ipi_probe p;
		int err = ipi_probe_alloc(&p, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "allocating an interrupt on CPU %u: %d", cpu, err))
			continue;
		DT_EXPECT_EQ(t, ipi_probe_cpu(&p), cpu);
		uint32_t vec = ipi_probe_vector(&p);
		unsigned sent = 0;
		for (; sent < IPI_EXACT_K; sent++) {
			err = ipi_probe_send_wait(&p, cpu, vec, sent);
			if (err)
				break;
		}
		DT_EXPECT(t, sent == IPI_EXACT_K,
			  "CPU %u vector 0x%x: IPI %u of %u did not arrive within %u us (%d); %llu "
			  "arrived",
			  cpu, vec, sent + 1, IPI_EXACT_K, IPI_PROBE_WAIT_US, err,
			  (unsigned long long)p.hits[cpu]);
		ipi_probe_settle(2000);
		for (unsigned c = 0; c < cpus; c++) {
			uint64_t want = c == cpu ? sent : 0;
			DT_EXPECT(t, p.hits[c] == want && irq_count(p.virq, IRQ_CPU(c)) == want,
				  "IPIs to CPU %u: handler ran %llu times on CPU %u, core counted "
				  "%llu; "
				  "expected %llu",
				  cpu, (unsigned long long)p.hits[c], c,
				  (unsigned long long)irq_count(p.virq, IRQ_CPU(c)),
				  (unsigned long long)want);
		}
		irq_free(p.virq, 1);
	}

	ipi_counts_take(&after);
	for (unsigned c = 0; c < cpus; c++) {
		DT_EXPECT(t, after.spurious[c] == before.spurious[c],
			  "CPU %u: %llu spurious interrupts during the test, expected none", c,
			  (unsigned long long)(after.spurious[c] - before.spurious[c]));
		DT_EXPECT(t, after.unexpected[c] == before.unexpected[c],
			  "CPU %u: %llu unexpected interrupts during the test, expected none", c,
			  (unsigned long long)(after.unexpected[c] - before.unexpected[c]));
		DT_EXPECT_EQ(t, after.matrix_allocated[c], before.matrix_allocated[c]);
	}
	DT_EXPECT_EQ(t, after.virq_free, before.virq_free);
	DT_EXPECT_EQ(t, after.pool_free, before.pool_free);
}
