/* SPDX-License-Identifier: MIT */
/*
 * its.unmapped: edu's own MSI writes (its RID, so its DeviceID) with an
 * EventID the ITS has no mapping for are dropped: inside the device's
 * ITT range but unmapped, and beyond the range the ITT was sized for.
 * Then the mapped EventID is delivered again, exactly once.
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "tests/guest/itstest.h"

DTEST(its_unmapped, .name = "its.unmapped",
      .summary = "edu MSI with an unmapped EventID (in and beyond its ITT) is not delivered",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_EDU | DTEST_NEED_ITS, .deadline_ms = 5000)
{
	struct gic_its_domain *d = itstest_domain(t);
	struct irqtest_msi s;
	if (!d)
		return;
	struct itstest_event ev;
	if (!itstest_msi_open(t, d, &s, &ev))
		goto out;
	uint32_t event = ev.event, nevents = ev.nevents;
	uint16_t mapped = itstest_edu_msi_data_get(&s.edu);
	DT_EXPECT_EQ(t, mapped, event);
	const uint16_t bad[2] = {(uint16_t)(nevents - 1 == event ? nevents - 2 : nevents - 1),
				 (uint16_t)(nevents + 5)};
	for (unsigned i = 0; i < 2; i++) {
		struct irqtest_snap before;
		irqtest_snap(&before, s.virq);
		itstest_edu_msi_data(&s.edu, bad[i]);
		edu_raise(&s.edu, 1);
		irqtest_idle(ITSTEST_QUIET_US);
		irqtest_expect_delta(t, i ? "EventID beyond the ITT" : "unmapped EventID", s.virq,
				     &before, 0, 0);
	}
	itstest_edu_msi_data(&s.edu, mapped);
	struct irqtest_snap before;
	irqtest_snap(&before, s.virq);
	DT_EXPECT(t, irqtest_msi_fire(&s, irqtest_hits(&s.counter) + 1),
		  "the mapped EventID %u is not delivered after the test", event);
	irqtest_expect_delta(t, "mapped EventID", s.virq, &before, 0, 1);
out:
	irqtest_msi_close(&s);
}
