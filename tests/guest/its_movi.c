/* SPDX-License-Identifier: MIT */
/*
 * its.movi: a move is one MOVI and a SYNC to the old and to the new
 * redistributor (IHI 0069H §5.3 MOVI, SYNC); the device's message stays;
 * delivery follows.
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/itstest.h"

#define ITS_MOVI_K 100

DTEST(its_movi, .name = "its.movi",
      .summary = "irq_set_affinity moves an edu MSI by MOVI: message unchanged, K delivered on "
		 "the new CPU only",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_EDU | DTEST_NEED_ITS, .min_cpus = 2,
      .deadline_ms = 10000)
{
	struct gic_its_domain *d = itstest_domain(t);
	struct irqtest_msi s;
	if (!d)
		return;
	struct itstest_event ev;
	if (!itstest_msi_open(t, d, &s, &ev))
		goto out;
	struct msi_msg msg0;
	int err = irq_msg(s.virq, &msg0);
	DT_EXPECT_EQ(t, err, 0);
	uint32_t dev_id = ev.dev_id, event = ev.event;
	/*
	 * Composed: GITS_TRANSLATER (an IOVA onto it behind an SMMU context) and
	 * the EventID; the DeviceID is the RID (QEMU's IORT).
	 */
	itstest_expect_doorbell(t, "edu's message", pci_dev_rid(s.edu.pci),
				msi_msg_address(&msg0).v);
	DT_EXPECT_EQ(t, msg0.data, event);
	DT_EXPECT_EQ(t, dev_id, pci_dev_rid(s.edu.pci));

	unsigned n = arch_cpu_count();
	for (unsigned step = 1; step <= n; step++) {
		unsigned cpu = step % n;
		uint64_t movi = d->movi_count, cmds = d->its->cmd_count;
		irq_cpu_t from = irq_affinity(s.virq);
		uint64_t old_rd = 0, new_rd = 1;
		gic_its_rdbase(d->its, from.v, &old_rd);
		gic_its_rdbase(d->its, cpu, &new_rd);
		err = irq_set_affinity(s.virq, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "move to CPU %u: %s", cpu, errno_name(err)))
			break;
		/* Exactly one MOVI and a SYNC per redistributor; the device was not rewritten. */
		DT_EXPECT_EQ(t, d->movi_count - movi, 1);
		DT_EXPECT_EQ(t, d->its->cmd_count - cmds, old_rd == new_rd ? 2 : 3);
		struct pci_msi_state st;
		pci_msi_read_state(&s.md, &st);
		DT_EXPECT(t, msi_msg_eq(&st.msg, &msg0), "CPU %u: the device's message changed",
			  cpu);
		uint64_t ticks;
		bool ok;
		uint32_t got =
			irqtest_msi_lockstep(t, &s, cpu, ITS_MOVI_K, "its.movi", &ticks, &ok);
		DT_EXPECT_EQ(t, got, ITS_MOVI_K);
		if (!ok)
			break;
	}
	if (d->movi_count)
		fact("its.movi_us", "%llu",
		     (unsigned long long)(time_ticks_to_us(d->movi_ticks) / d->movi_count));
out:
	irqtest_msi_close(&s);
}
