/* SPDX-License-Identifier: MIT */
/*
 * ims.affinity: slot A moves to another CPU between fires of slots B and C,
 * which stay where they are. Through a remap domain the move is absorbed
 * below (IRTE rewrite) and slot A's stored message stays byte for byte the
 * same; in compatibility format the slot is rewritten with the new message.
 * Counts are exact on every CPU.
 */
#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "tests/guest/imstest.h"

enum { SLOT_A = 0, SLOT_B = 1, SLOT_C = 2 };

DTEST(ims_affinity, .name = "ims.affinity",
      .summary = "IMS slot moved while others keep firing: exact counts, stored message kept "
		 "when remapped, rewritten otherwise",
      .needs = DTEST_NEED_EDU, .min_cpus = 2, .deadline_ms = 30000)
{
	struct imstest *s = imstest_get();
	if (!imstest_open(t, s))
		goto out;
	unsigned cpus = arch_cpu_count(), to = cpus - 1;
	for (uint32_t i = SLOT_A; i <= SLOT_C; i++)
		if (!imstest_slot(t, s, i, 0))
			goto out;
	struct irqtest_snap snap[3];
	for (uint32_t i = SLOT_A; i <= SLOT_C; i++)
		irqtest_snap(&snap[i], s->virq[i]);
	struct ims_edu_slot before, after;
	imstest_check_stored(t, s, SLOT_A, &before);

	imstest_fire(t, s, SLOT_B, 1, "before the move");
	imstest_fire(t, s, SLOT_A, 1, "before the move");
	imstest_fire(t, s, SLOT_C, 1, "before the move");
	int err = irq_set_affinity(s->virq[SLOT_A], IRQ_CPU(to));
	if (!DT_EXPECT(t, err == 0, "irq_set_affinity(slot A, CPU %u): %s", to, errno_name(err)))
		goto out;
	imstest_fire(t, s, SLOT_B, 2, "after the move");
	imstest_fire(t, s, SLOT_A, 2, "after the move");
	imstest_fire(t, s, SLOT_C, 2, "after the move");
	irqtest_idle(IMSTEST_SETTLE_US);

	imstest_check_stored(t, s, SLOT_A, &after);
	bool remapped =
		s->im.domain.parent && s->im.domain.parent->parent; /* a level below the parent */
	bool same = msi_msg_eq(&before.msg, &after.msg);
	kprintf("# ims.affinity: slot A 0x%08x/0x%08x -> 0x%08x/0x%08x (%s)\n",
		before.msg.address_lo, before.msg.data, after.msg.address_lo, after.msg.data,
		same ? "unchanged: the move was absorbed below" : "rewritten");
	if (remapped)
		DT_EXPECT(t, same, "remapped: slot A's stored message changed on a move");
	else
		DT_EXPECT(t, !same, "compatibility format: slot A still holds the old message");

	/* A: one before on CPU 0, one after on `to`; B and C: two on CPU 0. */
	struct irqtest_snap mid;
	irqtest_snap(&mid, s->virq[SLOT_A]);
	DT_EXPECT_EQ(t, mid.count[0] - snap[SLOT_A].count[0], 1);
	DT_EXPECT_EQ(t, mid.count[to] - snap[SLOT_A].count[to], 1);
	irqtest_expect_delta(t, "slot B", s->virq[SLOT_B], &snap[SLOT_B], 0, 2);
	irqtest_expect_delta(t, "slot C", s->virq[SLOT_C], &snap[SLOT_C], 0, 2);
out:
	imstest_close(s);
}
