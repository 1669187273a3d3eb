/* SPDX-License-Identifier: MIT */
/* vector.compose: each CPU's interrupt carries 0xFEE00000 | APIC ID << 12 and its vector. */
#include "kernel/test/dtest.h"
#include "tests/guest/ipi_probe.h"

#define COMPOSE_CALL_US 100000

static void compose_hw_id(void *arg)
{
	*(uint64_t *)arg = arch_cpu_hw_id();
}

DTEST(vector_compose, .name = "vector.compose",
      .summary =
	      "compatibility-format messages name each CPU's APIC ID and the vector; ANY spreads",
      .arch = DTEST_ARCH_X86_64, .deadline_ms = 2000)
{
	if (!arch_irq_domain())
		return dtest_skip(t, "no bottom interrupt domain");
	unsigned cpus = arch_cpu_count();
	for (unsigned cpu = 0; cpu < cpus; cpu++) {
		uint64_t id = ~0ull;
		int err = arch_cpu_call(cpu, compose_hw_id, &id, COMPOSE_CALL_US);
		if (!DT_EXPECT(t, err == 0, "call on CPU %u: %d", cpu, err))
			continue;
		struct ipi_probe p;
		err = ipi_probe_alloc(&p, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "allocating on CPU %u: %d", cpu, err))
			continue;
		struct msi_msg msg = {0};
		err = irq_msg(p.virq, &msg);
		uint32_t want_addr = 0xfee00000u | (uint32_t)(id & 0xff) << 12;
		DT_EXPECT(t,
			  err == 0 && msg.address_lo == want_addr && msg.address_hi == 0 &&
				  msg.data == ipi_probe_vector(&p),
			  "CPU %u (APIC ID %llu): message %d 0x%x:%x data 0x%x, expected 0x%x data "
			  "0x%x",
			  cpu, (unsigned long long)id, err, msg.address_hi, msg.address_lo,
			  msg.data, want_addr, ipi_probe_vector(&p));
		irq_free(p.virq, 1);
	}

	/* IRQ_CPU_ANY takes the least loaded online CPU: 2 * cpus interrupts land 2 per CPU. */
	struct ipi_counts start;
	ipi_counts_take(&start);
	struct irq_alloc_info any = {.cpu = IRQ_CPU_ANY};
	virq_t v[2 * IRQ_MAX_CPUS];
	unsigned per_cpu[IRQ_MAX_CPUS] = {0}, n = 0;
	bool balanced = true;
	for (unsigned c = 1; c < cpus; c++)
		balanced &= start.matrix_free[c] == start.matrix_free[0];
	for (; n < 2 * cpus; n++) {
		int err = irq_alloc(arch_irq_domain(), 1, &any, &v[n]);
		if (!DT_EXPECT(t, err == 0, "IRQ_CPU_ANY allocation %u: %d", n, err))
			break;
		per_cpu[irq_chain(v[n])->cpu.v]++;
	}
	for (unsigned c = 0; balanced && c < cpus; c++)
		DT_EXPECT(t, per_cpu[c] == 2, "IRQ_CPU_ANY put %u of %u interrupts on CPU %u",
			  per_cpu[c], 2 * cpus, c);
	while (n > 0)
		irq_free(v[--n], 1);
}
