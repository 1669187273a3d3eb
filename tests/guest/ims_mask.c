/* SPDX-License-Identifier: MIT */
/*
 * ims.mask: a masked slot holds its fire (the device records it pending and
 * posts nothing); unmasking posts exactly one.
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "tests/guest/imstest.h"

DTEST(ims_mask, .name = "ims.mask",
      .summary = "masked IMS slot: fire held pending, nothing delivered; unmask delivers exactly "
		 "one",
      .needs = DTEST_NEED_EDU, .deadline_ms = 20000)
{
	struct imstest *s = imstest_get();
	if (!imstest_open(t, s))
		goto out;
	unsigned cpu = arch_cpu_count() - 1;
	const uint32_t slot = 7;
	if (!imstest_slot(t, s, slot, cpu))
		goto out;
	struct irqtest_snap before;
	irqtest_snap(&before, s->virq[slot]);
	imstest_fire(t, s, slot, 1, "unmasked");

	int err = irq_mask(s->virq[slot]);
	if (!DT_EXPECT(t, err == 0, "irq_mask: %s", errno_name(err)))
		goto out;
	struct ims_edu_slot st;
	ims_edu_read_slot(&s->dev, slot, &st);
	DT_EXPECT_EQ(t, st.ctrl, IMS_EDU_CTRL_MASKED);
	uint64_t total = imstest_total(s);
	int r = ims_edu_fire(&s->dev, slot);
	DT_EXPECT(t, r == 0, "fire of a masked slot: %d, want 0 (held)", r);
	irqtest_idle(IMSTEST_SETTLE_US);
	DT_EXPECT_EQ(t, imstest_total(s), total); /* nothing while masked */
	ims_edu_read_slot(&s->dev, slot, &st);
	DT_EXPECT_EQ(t, st.ctrl, IMS_EDU_CTRL_MASKED | IMS_EDU_CTRL_PENDING);
	/* A second fire while masked is still one pending interrupt. */
	r = ims_edu_fire(&s->dev, slot);
	DT_EXPECT(t, r == 0, "second fire of a masked slot: %d", r);

	err = irq_unmask(s->virq[slot]);
	DT_EXPECT(t, err == 0, "irq_unmask: %s", errno_name(err));
	DT_EXPECT(t, irqtest_wait(&s->counter[slot], 2, IRQTEST_WAIT_US),
		  "unmask did not post the pending fire");
	irqtest_idle(IMSTEST_SETTLE_US);
	ims_edu_read_slot(&s->dev, slot, &st);
	DT_EXPECT_EQ(t, st.ctrl, 0);
	irqtest_expect_delta(t, "ims.mask", s->virq[slot], &before, cpu, 2);
	DT_EXPECT_EQ(t, s->im.store.mask_errors, 0);
out:
	imstest_close(s);
}
