/* SPDX-License-Identifier: MIT */
/* msi.deliver: edu MSIs reach each online CPU in turn, exactly K each, nowhere else. */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "tests/guest/irqtest_dev.h"

#define MSI_DELIVER_K 1000

DTEST(msi_deliver, .name = "msi.deliver",
      .summary = "edu MSI to every online CPU in turn: exactly K counted there, 0 elsewhere",
      .needs = DTEST_NEED_EDU, .deadline_ms = 20000)
{
	struct irqtest_msi s;
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	for (unsigned cpu = 0; cpu < arch_cpu_count(); cpu++) {
		int err = irq_set_affinity(s.virq, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "irq_set_affinity to CPU %u: %s", cpu, errno_name(err)))
			break;
		struct irqtest_snap before;
		irqtest_snap(&before, s.virq);
		uint64_t base = irqtest_hits(&s.counter);
		/* Lockstep: unrolled raises merge in the local APIC (docs/platform.md, "edu"). */
		for (unsigned k = 1; k <= MSI_DELIVER_K; k++) {
			if (!irqtest_msi_fire(&s, base + k)) {
				dtest_diag(t,
					   "CPU %u: interrupt %u of %u never came (counted %llu)",
					   cpu, k, MSI_DELIVER_K,
					   (unsigned long long)(irqtest_hits(&s.counter) - base));
				break;
			}
		}
		if (!irqtest_expect_delta(t, "msi.deliver", s.virq, &before, cpu, MSI_DELIVER_K))
			break;
	}
out:
	irqtest_msi_close(&s);
}
