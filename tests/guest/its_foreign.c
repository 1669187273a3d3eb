/* SPDX-License-Identifier: MIT */
/*
 * its.foreign: edu's mapped EventID written to GITS_TRANSLATER by edu's
 * DMA engine, which QEMU sends without a requester id, so it reaches the
 * ITS as another DeviceID than edu's MSI does (docs/platform.md, "ITS DeviceID 0"): not delivered
 * to edu's interrupt. A probe mapped for DeviceID 0 shows which DeviceID
 * the write really carried; a mismatch with the IORT is reported as a
 * platform finding. The DMA writes to the doorbell address edu's message
 * holds, so behind an SMMU stage-1 context it takes the same IOVA (and the
 * same translation) as edu's MSI; only the requester id differs.
 */
#include <stdio.h>

#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "tests/guest/itstest.h"

DTEST(its_foreign, .name = "its.foreign",
      .summary = "a mapped EventID written by edu's DMA (another DeviceID) is not delivered",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_EDU | DTEST_NEED_ITS, .deadline_ms = 10000)
{
	struct gic_its_domain *d = itstest_domain(t);
	if (!d)
		return;
	struct irqtest_msi s;
	struct itstest_probe p = {0};
	struct itstest_event ev;
	if (!itstest_msi_open(t, d, &s, &ev))
		goto out;
	uint32_t dev_id = ev.dev_id, event = ev.event;
	struct msi_msg msg;
	int err = irq_msg(s.virq, &msg);
	if (!DT_EXPECT(t, err == 0, "edu's message: %s", errno_name(err)))
		goto out;
	uint64_t doorbell = msi_msg_address(&msg).v;
	itstest_expect_doorbell(t, "edu's message", pci_dev_rid(s.edu.pci), doorbell);

	struct irqtest_snap before;
	irqtest_snap(&before, s.virq);
	err = itstest_edu_dma_write32(&s.edu, doorbell, event);
	if (!DT_EXPECT(t, err == 0, "edu DMA: %s", errno_name(err)))
		goto out;
	irqtest_idle(ITSTEST_QUIET_US);
	irqtest_expect_delta(t, "edu DMA of its own EventID", s.virq, &before, 0, 0);

	/* Which DeviceID did it carry? A probe on RID 0 (DeviceID per the IORT). */
	if (!itstest_probe_open(t, &p, 0, 0))
		goto out;
	if (p.dev_id == dev_id) {
		dtest_skip(t, "RID 0 maps to edu's DeviceID 0x%x: no second DeviceID to probe",
			   dev_id);
		goto out;
	}
	irqtest_snap(&before, s.virq);
	err = itstest_edu_dma_write32(&s.edu, doorbell, p.event);
	DT_EXPECT(t, err == 0, "edu DMA: %s", errno_name(err));
	bool seen = irqtest_wait(&p.counter, 1, ITSTEST_QUIET_US);
	irqtest_expect_delta(t, "edu DMA of the probe's EventID", s.virq, &before, 0, 0);
	if (seen) {
		fact("its.dma_devid", "0x%x", p.dev_id);
		kprintf("# its: platform finding: edu (RID 0x%x) DMA writes reach the ITS as "
			"DeviceID "
			"0x%x; the IORT maps its RID to DeviceID 0x%x, which its MSI writes "
			"carry\n",
			pci_dev_rid(s.edu.pci), p.dev_id, dev_id);
	} else {
		fact("its.dma_devid", "unknown");
	}
	/* Delivery through edu's own MSI still works. */
	irqtest_snap(&before, s.virq);
	DT_EXPECT(t, irqtest_msi_fire(&s, irqtest_hits(&s.counter) + 1), "edu's MSI after the DMA");
	irqtest_expect_delta(t, "edu MSI", s.virq, &before, 0, 1);
out:
	itstest_probe_close(&p);
	irqtest_msi_close(&s);
}
