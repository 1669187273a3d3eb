/* SPDX-License-Identifier: MIT */
/*
 * nested.s2_missing: the host takes the doorbell frame out of stage 2
 * (CMD_TLBI_S2_IPA per page, CMD_TLBI_S12_VMALL when nested, CMD_SYNC):
 * edu's MSI delivers nothing and leaves an F_TRANSLATION with S2 = 1, the
 * device's address as input, the IPA and CLASS IN. Mapped back, it
 * delivers again.
 */
#include "kernel/errno.h"
#include "kernel/report.h"
#include "tests/guest/nested_test.h"

DTEST(nested_s2_missing, .name = "nested.s2_missing",
      .summary = "the doorbell missing at stage 2: nothing delivered, F_TRANSLATION with S2 set "
		 "and the IPA",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU | DTEST_NEED_EDU | DTEST_NEED_ITS,
      .deadline_ms = 5000)
{
	struct nested_test x;
	bool unmapped = false;
	uint64_t ipa_frame = 0, pa_frame = 0;
	if (!nested_open(t, &x, true))
		goto out;
	struct smmuv3_s2 *d = x.s->s2;
	if (!DT_EXPECT(t, d && x.w.s2 && !x.w.fault && x.w.pa == x.doorbell,
		       "edu's address 0x%llx does not walk to the doorbell through stage 2",
		       (unsigned long long)x.addr))
		goto out;
	DT_EXPECT(t, nested_fire(&x, true), "edu MSI before the unmap did not arrive");
	ipa_frame = x.w.ipa & ~(SMMUV3_S2_FRAME - 1);
	pa_frame = x.doorbell & ~(SMMUV3_S2_FRAME - 1);
	uint64_t tlbi = d->tlbi_count;
	int n = smmuv3_s2_unmap(d, ipa_frame, SMMUV3_S2_FRAME);
	unmapped = n > 0;
	DT_EXPECT_EQ(t, n, SMMUV3_S2_FRAME / SMMUV3_PGT_PAGE);
	DT_EXPECT_EQ(t, d->tlbi_count - tlbi, SMMUV3_S2_FRAME / SMMUV3_PGT_PAGE + d->nested);

	smmuv3_evtq_drain(x.s);
	uint64_t since = x.s->events.total;
	DT_EXPECT(t, !nested_fire(&x, false),
		  "edu MSI arrived with the doorbell gone from stage 2");
	struct smmuv3_event ev;
	int err = smmuv3_evtq_wait(x.s, since, SMMUV3_EVT_F_TRANSLATION, x.sid, true, x.addr,
				   NESTED_EVENT_US, &ev);
	if (DT_EXPECT(t, err == 0, "no F_TRANSLATION for StreamID 0x%x address 0x%llx: %s", x.sid,
		      (unsigned long long)x.addr, errno_name(err))) {
		DT_EXPECT_EQ(t, ev.s2, 1);
		DT_EXPECT_EQ(t, ev.class_, 2); /* IN: the input address, not a walk */
		DT_EXPECT_EQ(t, ev.rnw, 0);
		DT_EXPECT_EQ(t, ev.addr2 & ~0xfffull, x.w.ipa & ~0xfffull);
		fact("nested.s2_fault", "%s sid 0x%x addr 0x%llx ipa 0x%llx class %s s2 %u",
		     smmuv3_event_name(ev.type), ev.sid, (unsigned long long)ev.addr,
		     (unsigned long long)ev.addr2, smmuv3_event_class_name(ev.class_), ev.s2);
	}

	err = smmuv3_s2_map(d, ipa_frame, pa_frame, SMMUV3_S2_FRAME,
			    SMMUV3_PROT_WRITE | SMMUV3_PROT_DEVICE);
	unmapped = err != 0;
	DT_EXPECT(t, err == 0, "mapping the doorbell frame back: %s", errno_name(err));
	DT_EXPECT(t, nested_fire(&x, true), "edu MSI after the doorbell came back did not arrive");
out:
	if (unmapped)
		smmuv3_s2_map(x.s->s2, ipa_frame, pa_frame, SMMUV3_S2_FRAME,
			      SMMUV3_PROT_WRITE | SMMUV3_PROT_DEVICE);
	nested_close(&x);
}
