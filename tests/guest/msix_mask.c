/* SPDX-License-Identifier: MIT */
/*
 * msix.mask: a masked entry keeps its interrupt pending (PBA); unmasking
 * delivers exactly one. igb: exactly 1 + 1, always; e1000e: a surplus is
 * held to the known gap of its throttle timer (irqtest_msix_gap).
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

/* Long enough for the device to have sent, several times e1000e's throttle interval. */
#define MSIX_MASK_SETTLE_US 2000

/*
 * Wait (to a deadline) until entry 0 shows `pending`: without icount, e1000e's
 * throttle timer runs on host time and may post well after a fixed settle.
 */
static void msix_mask_wait_pending(struct irqtest_msix *s, bool pending)
{
	deadline_t d = deadline_in_us(IRQTEST_WAIT_US);
	struct pci_msix_entry e;
	do {
		pci_msix_read_entry(&s->mx, 0, &e);
		if (e.pending == pending)
			return;
		irqtest_idle(100);
	} while (!deadline_passed(d));
}

static bool msix_mask_entry(struct dtest_ctx *t, struct irqtest_msix *s, const char *when,
			    bool masked, bool pending)
{
	struct pci_msix_entry e;
	pci_msix_read_entry(&s->mx, 0, &e);
	if (e.masked != masked || e.pending != pending)
		dtest_diag(t, "%s: entry 0 masked=%d pending=%d, expected masked=%d pending=%d",
			   when, e.masked, e.pending, masked, pending);
	return DT_EXPECT(t, e.masked == masked && e.pending == pending,
			 "%s: Vector Control / PBA not as expected", when);
}

DTEST(msix_mask, .name = "msix.mask",
      .summary = "masked MSI-X entry (igb, else e1000e): PBA bit set, nothing delivered; unmask "
		 "delivers exactly one",
      .needs = DTEST_NEED_MSIX_DEV, .deadline_ms = 5000)
{
	struct irqtest_msix s;
	unsigned cpu = arch_cpu_current();
	if (!irqtest_msix_open(t, &s, 1, cpu, true))
		goto out;
	struct irqtest_counter *c = &s.counter[0];
	struct irqtest_snap before;
	irqtest_snap(&before, s.virq);
	bool exact = irqtest_msix_dev_exact(&s.dev), surplus = false;

	/* Unmasked: one raise, one interrupt, nothing pending. */
	irqtest_msix_dev_raise(&s.dev, 0);
	DT_EXPECT(t, irqtest_wait(c, 1, IRQTEST_WAIT_US),
		  "unmasked entry: the interrupt never came");
	irqtest_idle(MSIX_MASK_SETTLE_US);
	uint64_t first = irqtest_hits(c);
	if (first > 1 && !exact)
		surplus = true;
	else
		DT_EXPECT_EQ(t, first, 1);
	msix_mask_entry(t, &s, "after delivery", false, false);

	int err = irq_mask(s.virq);
	if (!DT_EXPECT(t, err == 0, "irq_mask: %s", errno_name(err)))
		goto out;
	irqtest_msix_dev_raise(&s.dev, 0);
	msix_mask_wait_pending(&s, true);
	irqtest_idle(MSIX_MASK_SETTLE_US);
	DT_EXPECT_EQ(t, irqtest_hits(c), first); /* nothing while masked */
	msix_mask_entry(t, &s, "raised while masked", true, true);

	err = irq_unmask(s.virq);
	DT_EXPECT(t, err == 0, "irq_unmask: %s", errno_name(err));
	DT_EXPECT(t, irqtest_wait(c, first + 1, IRQTEST_WAIT_US),
		  "unmask did not deliver the pending one");
	irqtest_idle(MSIX_MASK_SETTLE_US);
	/* The handler's count and the core's snapshot read with no interrupt between them: a
	 * late duplicate between two readings would otherwise look like a miscount. */
	struct irqtest_snap end;
	uint64_t hits;
	for (unsigned tries = 0;; tries++) {
		hits = irqtest_hits(c);
		irqtest_snap(&end, s.virq);
		if (irqtest_hits(c) == hits || tries == 8)
			break;
	}
	uint64_t after = hits - first;
	if (after > 1 && !exact)
		surplus = true;
	else
		DT_EXPECT_EQ(t, after, 1); /* exactly one more */
	msix_mask_entry(t, &s, "after unmask", false, false);
	irqtest_expect_between(t, "msix.mask", s.virq, &before, &end, cpu, first + after);
	if (surplus && !dtest_failed(t))
		dtest_gap(t, irqtest_msix_gap(), "%llu + %llu interrupts where 1 + 1 were sent",
			  (unsigned long long)first, (unsigned long long)after);
out:
	irqtest_msix_close(&s);
}
