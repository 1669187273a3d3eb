/* SPDX-License-Identifier: MIT */
/* msi.affinity: irq_set_affinity moves delivery and rewrites the message edu holds. */
#include <string.h>

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/msi_parent.h"
#include "tests/guest/irqtest_dev.h"

static void msi_affinity_check_msg(struct dtest_ctx *t, struct irqtest_msi *s, unsigned cpu)
{
	struct msi_msg want;
	struct pci_msi_state st;
	int err = irq_msg(s->virq, &want);
	pci_msi_read_state(&s->md, &st);
	DT_EXPECT(t, err == 0, "CPU %u: no message recorded: %s", cpu, errno_name(err));
	DT_EXPECT(t, st.enabled, "CPU %u: MSI not enabled after the move", cpu);
	if (!msi_msg_eq(&st.msg, &want))
		dtest_diag(t,
			   "CPU %u: capability holds 0x%08x_%08x/0x%x, composed 0x%08x_%08x/0x%x",
			   cpu, st.msg.address_hi, st.msg.address_lo, st.msg.data, want.address_hi,
			   want.address_lo, want.data);
	DT_EXPECT(t, msi_msg_eq(&st.msg, &want), "CPU %u: device message is not the composed one",
		  cpu);
}

DTEST(msi_affinity, .name = "msi.affinity",
      .summary = "delivery follows irq_set_affinity; the message in the device follows too",
      .needs = DTEST_NEED_EDU, .deadline_ms = 5000)
{
	struct irqtest_msi s;
	struct msi_msg prev = {0};
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	unsigned n = arch_cpu_count();
	/* A remap level absorbs the move (IRTE rewrite): the device keeps its message. */
	bool remapped = s.md.domain.parent->kind == IRQ_DOMAIN_KIND_REMAP;
	/* Around the CPUs and back to the first: every move is checked. */
	for (unsigned step = 0; step <= n; step++) {
		unsigned cpu = step % n;
		int err = irq_set_affinity(s.virq, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "irq_set_affinity to CPU %u: %s", cpu, errno_name(err)))
			break;
		DT_EXPECT_EQ(t, irq_affinity(s.virq).v, cpu);
		msi_affinity_check_msg(t, &s, cpu);
		struct pci_msi_state st;
		pci_msi_read_state(&s.md, &st);
		if (step > 0 && n > 1 && remapped)
			DT_EXPECT(t, msi_msg_eq(&st.msg, &prev),
				  "CPU %u: the remapped message changed with the target", cpu);
		else if (step > 0 && n > 1)
			DT_EXPECT(t, !msi_msg_eq(&st.msg, &prev),
				  "CPU %u: the message did not change with the target", cpu);
		prev = st.msg;

		struct irqtest_snap before;
		irqtest_snap(&before, s.virq);
		uint64_t want = irqtest_hits(&s.counter) + 1;
		if (!irqtest_msi_fire(&s, want))
			dtest_diag(t, "CPU %u: the interrupt never came", cpu);
		if (!irqtest_expect_delta(t, "msi.affinity", s.virq, &before, cpu, 1))
			break;
		DT_EXPECT_EQ(t, s.counter.last_cpu.v, cpu);
		DT_EXPECT_EQ(t, pci_msi_msg_rejected(&s.md), 0);
	}
out:
	irqtest_msi_close(&s);
}
