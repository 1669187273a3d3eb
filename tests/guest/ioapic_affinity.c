/* SPDX-License-Identifier: MIT */
/*
 * ioapic.affinity: the HPET's I/O APIC interrupt moved to CPU 1 and back:
 * exactly K there after each move, none elsewhere. Remapped, the move
 * rewrites the IRTE and the entry keeps its handle; direct, the entry gets
 * the new destination and vector.
 */
#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "tests/guest/ioapictest.h"

#define IOAPIC_AFFINITY_K 100

static bool ioapic_affinity_move(struct dtest_ctx *t, struct ioapictest *s, unsigned cpu)
{
	uint64_t before_rte = ioapictest_rte(s);
	int err = irq_set_affinity(s->virq, IRQ_CPU(cpu));
	if (!DT_EXPECT(t, err == 0, "irq_set_affinity to CPU %u: %s", cpu, errno_name(err)))
		return false;
	uint64_t rte = ioapictest_rte(s);
	if (s->d->remapped)
		DT_EXPECT_EQ(t, rte >> 48, before_rte >> 48); /* the same handle */
	struct irqtest_snap before;
	irqtest_snap(&before, s->virq);
	ioapictest_fire_n(t, s, IOAPIC_AFFINITY_K, "ioapic.affinity");
	irqtest_idle(2000);
	bool ok = irqtest_expect_delta(t, "ioapic.affinity", s->virq, &before, cpu,
				       IOAPIC_AFFINITY_K);
	if (ok)
		kprintf("# ioapic.affinity: %u of %u on CPU %u, entry 0x%016llx\n",
			IOAPIC_AFFINITY_K, IOAPIC_AFFINITY_K, cpu, (unsigned long long)rte);
	return ok;
}

DTEST(ioapic_affinity, .name = "ioapic.affinity",
      .summary = "the HPET's I/O APIC interrupt moved to CPU 1 and back: exactly K on the new "
		 "CPU each time",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_ACPI, .min_cpus = 2, .deadline_ms = 30000)
{
	struct ioapictest s;
	if (!ioapictest_open(t, &s, false, 0))
		goto out;
	if (ioapic_affinity_move(t, &s, 1))
		ioapic_affinity_move(t, &s, 0);
out:
	ioapictest_close(&s);
}
