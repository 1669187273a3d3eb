/* SPDX-License-Identifier: MIT */
/*
 * ims.deliver: every slot of the virtual IMS device aimed at a CPU (slot i
 * on CPU i mod n), its stored message read back equal to the one composed,
 * then each fired once: exactly one interrupt, on its CPU, nothing else.
 */
#include <stdio.h>

#include "arch/hooks.h"
#include "kernel/report.h"
#include "tests/guest/imstest.h"

DTEST(ims_deliver, .name = "ims.deliver",
      .summary = "32 IMS slots on every CPU: stored message = composed, one fire = one "
		 "interrupt on the slot's CPU",
      .needs = DTEST_NEED_EDU, .deadline_ms = 60000)
{
	struct imstest *s = imstest_get();
	if (!imstest_open(t, s))
		goto out;
	unsigned cpus = arch_cpu_count();
	static struct irqtest_snap before[IMSTEST_SLOTS]; /* large: off the stack */
	for (uint32_t i = 0; i < IMSTEST_SLOTS; i++) {
		if (!imstest_slot(t, s, i, i % cpus))
			goto out;
		struct ims_edu_slot st;
		imstest_check_stored(t, s, i, &st);
		if (i == 0) /* the doorbell as the device reaches it (an IOVA behind an SMMU) */
			fact("ims.slot_addr", "0x%llx",
			     (unsigned long long)st.msg.address_hi << 32 | st.msg.address_lo);
		DT_EXPECT_EQ(t, st.ctrl, 0); /* unmasked, nothing pending */
		irqtest_snap(&before[i], s->virq[i]);
	}
	for (uint32_t i = 0; i < IMSTEST_SLOTS; i++)
		imstest_fire(t, s, i, 1, "first fire");
	irqtest_idle(IMSTEST_SETTLE_US);
	uint32_t exact = 0;
	for (uint32_t i = 0; i < IMSTEST_SLOTS; i++) {
		char label[24];
		snprintf(label, sizeof(label), "slot %u", i);
		exact += irqtest_expect_delta(t, label, s->virq[i], &before[i], i % cpus, 1);
	}
	fact("ims.deliver.slots_exact", "%u/%u", exact, IMSTEST_SLOTS);
	fact("ims.deliver.dma", "%llu", (unsigned long long)s->dev.dma_count);
out:
	imstest_close(s);
}
