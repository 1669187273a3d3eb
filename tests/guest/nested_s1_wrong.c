/* SPDX-License-Identifier: MIT */
/*
 * nested.s1_wrong: stage 1 points edu's message at an IPA that is not the
 * doorbell. An IPA stage 2 does not map (the frame after the doorbell's):
 * nothing delivered, F_TRANSLATION with S2 = 1 naming that IPA. An IPA of
 * RAM (IPA = PA): nothing delivered, no event, the message lands in the
 * page. edu's own address back: delivered again.
 */
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"
#include "tests/guest/nested_test.h"

#define WRONG_OFF 0x40u

/* Point edu at an IOVA whose stage-1 slot maps wrong_ipa; restore nothing. */
static bool s1_wrong_point(struct dtest_ctx *t, struct nested_test *x, struct smmuv3_ctx *c,
			   uint64_t wrong_ipa, uint64_t *iova)
{
	int err = smmuv3_ctx_msi_map(c, wrong_ipa, iova);
	if (!DT_EXPECT(t, err == 0, "stage-1 slot for IPA 0x%llx: %s",
		       (unsigned long long)wrong_ipa, errno_name(err)))
		return false;
	nested_edu_msi_addr(x, (uint32_t)*iova);
	return true;
}

static void s1_wrong_unmapped(struct dtest_ctx *t, struct nested_test *x, struct smmuv3_ctx *c)
{
	uint64_t wrong = (x->w.ipa & ~(SMMUV3_S2_FRAME - 1)) + SMMUV3_S2_FRAME + WRONG_OFF;
	uint64_t iova;
	if (!s1_wrong_point(t, x, c, wrong, &iova))
		return;
	smmuv3_evtq_drain(x->s);
	uint64_t since = x->s->events.total;
	DT_EXPECT(t, !nested_fire(x, false), "edu MSI to IPA 0x%llx (not the doorbell) arrived",
		  (unsigned long long)wrong);
	struct smmuv3_event ev;
	int err = smmuv3_evtq_wait(x->s, since, SMMUV3_EVT_F_TRANSLATION, x->sid, true, iova,
				   NESTED_EVENT_US, &ev);
	if (DT_EXPECT(t, err == 0, "no F_TRANSLATION for IOVA 0x%llx: %s", (unsigned long long)iova,
		      errno_name(err))) {
		DT_EXPECT_EQ(t, ev.s2, 1);
		DT_EXPECT_EQ(t, ev.addr2 & ~0xfffull, wrong & ~0xfffull);
		fact("nested.s1_wrong_fault", "%s sid 0x%x addr 0x%llx ipa 0x%llx class %s",
		     smmuv3_event_name(ev.type), ev.sid, (unsigned long long)ev.addr,
		     (unsigned long long)ev.addr2, smmuv3_event_class_name(ev.class_));
	}
	nested_edu_msi_addr(x, (uint32_t)x->addr);
	DT_EXPECT_EQ(t, smmuv3_ctx_msi_unmap(c, wrong), 0);
}

static void s1_wrong_ram(struct dtest_ctx *t, struct nested_test *x, struct smmuv3_ctx *c)
{
	uint64_t page = page_alloc(1);
	if (!page) {
		dtest_error(t, "out of pages");
		return;
	}
	volatile uint32_t *word = (volatile uint32_t *)(uintptr_t)(page + WRONG_OFF);
	*word = 0;
	uint64_t iova;
	if (s1_wrong_point(t, x, c, page + WRONG_OFF, &iova)) {
		smmuv3_evtq_drain(x->s);
		uint64_t since = x->s->events.total;
		DT_EXPECT(t, !nested_fire(x, false), "edu MSI to RAM IPA 0x%llx arrived",
			  (unsigned long long)(page + WRONG_OFF));
		smmuv3_evtq_drain(x->s);
		DT_EXPECT_EQ(t, x->s->events.total - since, 0);
		DT_EXPECT_EQ(t, *word, x->ev.event); /* the message, in RAM */
		nested_edu_msi_addr(x, (uint32_t)x->addr);
		DT_EXPECT_EQ(t, smmuv3_ctx_msi_unmap(c, page + WRONG_OFF), 0);
	}
	page_free(page, 1);
}

DTEST(nested_s1_wrong, .name = "nested.s1_wrong",
      .summary = "stage 1 pointing at an IPA that is not the doorbell: nothing delivered; "
		 "unmapped at stage 2 an F_TRANSLATION names the IPA, RAM takes the message",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU | DTEST_NEED_EDU | DTEST_NEED_ITS,
      .deadline_ms = 5000)
{
	struct nested_test x;
	if (!nested_open(t, &x, false))
		goto out;
	struct smmuv3_stream *st = smmuv3_stream_find(x.s, x.sid);
	struct smmuv3_ctx *c = st ? st->ctx : 0;
	if (!DT_EXPECT(t, c && x.w.s1 && !x.w.fault && x.w.pa == x.doorbell,
		       "edu's address 0x%llx does not walk to the doorbell through both stages",
		       (unsigned long long)x.addr))
		goto out;
	s1_wrong_unmapped(t, &x, c);
	s1_wrong_ram(t, &x, c);
	DT_EXPECT(t, nested_fire(&x, true), "edu MSI at its own address again did not arrive");
out:
	nested_close(&x);
}
