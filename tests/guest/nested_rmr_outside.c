/* SPDX-License-Identifier: MIT */
/*
 * nested.rmr_outside: the RMR way holds only for the StreamIDs the RMR node
 * names (DEN0049 RMR node: ID mappings). The MSI-X test device (igb), whose
 * StreamID the RMR does not cover, given edu's address in the RMR window:
 * its stage 1 maps nothing there (the window is identity only in the
 * contexts of RMR streams), so its write leaves an F_TRANSLATION at stage 1
 * for its StreamID naming that address (IHI 0070 §7.3.3) and nothing is
 * delivered; edu through the RMR still delivers within the deadline right
 * after (the positive control), and igb at its own address again.
 */
#include "drivers/pci/pci_mmio.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "tests/guest/nested_test.h"

/* Rewrite entry 0's low address word behind the MSI-X bus domain (read back: posted). */
static void outside_entry_addr(struct irqtest_msix *m, uint32_t addr)
{
	uint64_t e = m->mx.cap.table_phys + PCI_MSIX_ENTRY_ADDR_LO;
	pci_mmio_write32(e, addr);
	(void)pci_mmio_read32(e);
}

/* One raise of entry 0: whether it arrived (within IRQTEST_WAIT_US, expect) or not (quiet period). */
static bool outside_fire(struct irqtest_msix *m, bool expect)
{
	uint64_t before = irqtest_hits(&m->counter[0]);
	irqtest_msix_dev_raise(&m->dev, 0);
	if (expect)
		return irqtest_wait(&m->counter[0], before + 1, IRQTEST_WAIT_US);
	irqtest_idle(ITSTEST_QUIET_US);
	return irqtest_hits(&m->counter[0]) != before;
}

/* igb's stream: a stage-1 context that does not cover edu's RMR address. */
static bool outside_stream(struct dtest_ctx *t, struct nested_test *x, struct irqtest_msix *m,
			   uint32_t *sid)
{
	uint32_t rid = pci_dev_rid(m->dev.pci);
	int err = smmuv3_rid_to_sid(x->s, rid, sid);
	if (!DT_EXPECT(t, err == 0, "%s (RID 0x%x) has no StreamID: %s",
		       irqtest_msix_dev_name(&m->dev), rid, errno_name(err)))
		return false;
	if (!DT_EXPECT(t, *sid != x->sid, "%s shares edu's StreamID 0x%x",
		       irqtest_msix_dev_name(&m->dev), x->sid))
		return false;
	struct smmuv3_stream *st = smmuv3_stream_find(x->s, *sid);
	if (!DT_EXPECT(t, st && st->ctx, "StreamID 0x%x has no stage-1 context", *sid))
		return false;
	if (!DT_EXPECT(t, !smmuv3_ctx_rmr_covers(st->ctx, x->addr),
		       "the RMR covers StreamID 0x%x too", *sid))
		return false;
	struct smmuv3_walk w;
	err = smmuv3_walk(x->s, *sid, x->addr, &w);
	return DT_EXPECT(t, err == 0 && w.fault == 1,
			 "StreamID 0x%x at 0x%llx: walk %s, fault %d (want 1: stage 1 unmapped)",
			 *sid, (unsigned long long)x->addr, errno_name(err), w.fault);
}

static void outside_shot(struct dtest_ctx *t, struct nested_test *x, struct irqtest_msix *m,
			 uint32_t sid)
{
	struct pci_msix_entry own;
	if (!DT_EXPECT_EQ(t, pci_msix_read_entry(&m->mx, 0, &own), 0))
		return;
	uint64_t edu_before = irqtest_hits(&x->msi.counter);
	smmuv3_evtq_drain(x->s);
	uint64_t since = x->s->events.total;
	outside_entry_addr(m, (uint32_t)x->addr);
	DT_EXPECT(t, !outside_fire(m, false),
		  "%s's message to the RMR address 0x%llx arrived (StreamID 0x%x)",
		  irqtest_msix_dev_name(&m->dev), (unsigned long long)x->addr, sid);
	struct smmuv3_event ev;
	int err = smmuv3_evtq_wait(x->s, since, SMMUV3_EVT_F_TRANSLATION, sid, true, x->addr,
				   NESTED_EVENT_US, &ev);
	if (DT_EXPECT(t, err == 0, "no F_TRANSLATION for StreamID 0x%x address 0x%llx: %s", sid,
		      (unsigned long long)x->addr, errno_name(err))) {
		/* Stage 1 has no mapping: the host's stage 2 is not reached. */
		DT_EXPECT_EQ(t, ev.s2, 0);
		DT_EXPECT_EQ(t, ev.rnw, 0);
		fact("nested.rmr_outside_fault", "%s sid 0x%x addr 0x%llx class %s s2 %u",
		     smmuv3_event_name(ev.type), ev.sid, (unsigned long long)ev.addr,
		     smmuv3_event_class_name(ev.class_), ev.s2);
	}
	smmuv3_evtq_drain(x->s);
	DT_EXPECT_EQ(t, x->s->events.total - since, 1);
	/* The positive control: edu, inside the RMR, reaches the ITS right after. */
	DT_EXPECT(t, nested_fire(x, true), "edu MSI through the RMR after the shot did not arrive");
	DT_EXPECT_EQ(t, irqtest_hits(&x->msi.counter) - edu_before, 1);
	outside_entry_addr(m, own.msg.address_lo);
	DT_EXPECT(t, outside_fire(m, true), "%s at its own address 0x%x again did not arrive",
		  irqtest_msix_dev_name(&m->dev), own.msg.address_lo);
	fact("nested.rmr_outside_sid", "0x%x", sid);
}

DTEST(nested_rmr_outside, .name = "nested.rmr_outside",
      .summary =
	      "a device outside the RMR's StreamIDs writing into the RMR window: F_TRANSLATION "
	      "at stage 1 for its StreamID, nothing delivered; edu through the RMR still delivers",
      .arch = DTEST_ARCH_AARCH64,
      .needs = DTEST_NEED_SMMU | DTEST_NEED_EDU | DTEST_NEED_ITS | DTEST_NEED_MSIX_DEV,
      .deadline_ms = 5000)
{
	struct nested_test x;
	struct irqtest_msix m;
	bool have_msix = false;
	if (!nested_open(t, &x, false))
		goto out;
	if (nested_design(&x)[0] != 'r') {
		dtest_skip(t,
			   "edu's doorbell is not in an RMR window (%s design): the RMR way only "
			   "(an IORT RMR for edu's StreamID, arm-nested-rmr)",
			   nested_design(&x));
		goto out;
	}
	have_msix = true;
	if (!irqtest_msix_open(t, &m, 1, 0, true))
		goto out;
	uint32_t sid;
	if (!outside_stream(t, &x, &m, &sid))
		goto out;
	DT_EXPECT(t, outside_fire(&m, true), "%s at its own address did not arrive",
		  irqtest_msix_dev_name(&m.dev));
	outside_shot(t, &x, &m, sid);
out:
	if (have_msix)
		irqtest_msix_close(&m);
	nested_close(&x);
}
