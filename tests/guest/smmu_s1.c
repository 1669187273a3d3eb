/* SPDX-License-Identifier: MIT */
/*
 * smmu.s1: edu's stream translating through a stage-1 context: DMA at mapped
 * IOVAs reaches the pages they map, byte for byte, in both directions; a
 * write to an unmapped IOVA lands nowhere and leaves F_TRANSLATION with
 * edu's StreamID and the IOVA in the event queue; a write to a read-only
 * page leaves F_PERMISSION.
 */
#include "kernel/errno.h"
#include "kernel/report.h"
#include "tests/guest/smmu_test.h"

#define S1_IOVA_SRC  0x70000000ull /* not RAM on virt: only the SMMU makes it reach memory */
#define S1_IOVA_DST  0x70001000ull
#define S1_LEN       512u
#define S1_FAULT_LEN 64u

static void s1_unmapped(struct dtest_ctx *t, struct smmu_test *x, struct smmuv3_ctx *c)
{
	/* The IOVA numerically equal to a sentinel page: were it bypassed, it would land there. */
	uint64_t iova = x->page[2];
	if (smmuv3_pgt_lookup(&c->pgt, iova, 0, 0) != -ENOENT) {
		dtest_error(t, "IOVA 0x%llx is mapped already", (unsigned long long)iova);
		return;
	}
	smmuv3_evtq_drain(x->s);
	uint64_t since = x->s->events.total;
	uint64_t before = x->s->events.by_type[SMMUV3_EVT_F_TRANSLATION];
	int err = edu_dma_to_ram(&x->edu, 0x100, iova, S1_FAULT_LEN, SMMU_TEST_DMA_US);
	DT_EXPECT(t, err == 0, "DMA to the unmapped IOVA: %s (the device sees no error)",
		  errno_name(err));
	int bad = smmu_test_untouched(x->page[2], 0x1000, 0xa5);
	DT_EXPECT(t, bad < 0, "byte %d of the page at the IOVA's physical address changed", bad);
	struct smmuv3_event ev;
	err = smmuv3_evtq_wait(x->s, since, SMMUV3_EVT_F_TRANSLATION, x->sid, true, iova, 100000,
			       &ev);
	if (!DT_EXPECT(t, err == 0, "no F_TRANSLATION for StreamID 0x%x IOVA 0x%llx: %s", x->sid,
		       (unsigned long long)iova, errno_name(err)))
		return;
	DT_EXPECT_EQ(t, ev.type, 0x10);
	DT_EXPECT_EQ(t, ev.sid, x->rid); /* QEMU's IORT: StreamID = RID */
	DT_EXPECT_EQ(t, ev.addr, iova);
	DT_EXPECT_EQ(t, ev.rnw, 0);
	DT_EXPECT_EQ(t, ev.s2, 0);
	DT_EXPECT_EQ(t, ev.ssv, 0);
	/*
	 * One event per faulting transaction: QEMU 7.2 retries the failed write
	 * in 4-byte pieces and records each (16 for 64 bytes); hardware may
	 * record one. Every one must name edu and an address inside the write.
	 */
	smmuv3_evtq_drain(x->s);
	uint64_t n = x->s->events.by_type[SMMUV3_EVT_F_TRANSLATION] - before;
	DT_EXPECT_GE(t, n, 1);
	DT_EXPECT_LE(t, n, S1_FAULT_LEN / 4);
	const struct smmuv3_event_log *l = &x->s->events;
	for (uint64_t i = since; i < l->total && l->total - i <= SMMUV3_EVENT_LOG; i++) {
		const struct smmuv3_event *e = &l->ring[i % SMMUV3_EVENT_LOG];
		DT_EXPECT(t,
			  e->type == SMMUV3_EVT_F_TRANSLATION && e->sid == x->sid &&
				  e->addr >= iova && e->addr < iova + S1_FAULT_LEN,
			  "event %s sid 0x%x addr 0x%llx outside the faulting write",
			  smmuv3_event_name(e->type), e->sid, (unsigned long long)e->addr);
	}
	fact("smmuv3.f_translation_events_per_64b_write", "%llu", (unsigned long long)n);
}

DTEST(smmu_s1, .name = "smmu.s1",
      .summary = "edu DMA through a stage-1 context (STE 0b101, CD, 4 KiB tables): mapped IOVAs "
		 "reach their pages; an unmapped one gives F_TRANSLATION naming edu's StreamID",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU | DTEST_NEED_EDU, .deadline_ms = 8000)
{
	struct smmu_test x;
	struct smmuv3_ctx *c = 0;
	bool src = false, dst = false;
	if (!smmu_test_open(t, &x, 3))
		goto out;
	int err = smmuv3_ctx_get(x.s, x.sid, &c);
	if (!DT_EXPECT(t, err == 0, "context for StreamID 0x%x: %s", x.sid, errno_name(err)))
		goto out;
	const struct smmuv3_ste *ste = smmuv3_ste_get(x.s, x.sid);
	DT_EXPECT_EQ(t, smmuv3_ste_config(ste), SMMUV3_STE_S1);
	DT_EXPECT_EQ(t, smmuv3_ste_cd_ptr(ste), c->cd_phys);
	err = smmuv3_ctx_map(c, S1_IOVA_SRC, x.page[0], 0x1000, SMMUV3_PROT_READ);
	src = err == 0;
	DT_EXPECT(t, src, "map source: %s", errno_name(err));
	err = smmuv3_ctx_map(c, S1_IOVA_DST, x.page[1], 0x1000,
			     SMMUV3_PROT_READ | SMMUV3_PROT_WRITE);
	dst = err == 0;
	DT_EXPECT(t, dst, "map target: %s", errno_name(err));
	err = smmuv3_ctx_map(c, S1_IOVA_DST, x.page[2], 0x1000, SMMUV3_PROT_WRITE);
	DT_EXPECT(t, err == -EEXIST, "mapping a mapped IOVA again: %s, want -EEXIST",
		  errno_name(err));
	err = smmuv3_ctx_map(c, SMMUV3_MSI_WINDOW_BASE, x.page[2], 0x1000, SMMUV3_PROT_WRITE);
	DT_EXPECT(t, err == -EINVAL, "DMA mapping in the MSI window: %s, want -EINVAL",
		  errno_name(err));
	if (!src || !dst)
		goto out;

	smmu_test_fill(x.page[0] + 0x80, S1_LEN, 0x22);
	err = edu_dma_from_ram(&x.edu, S1_IOVA_SRC + 0x80, 0x100, S1_LEN, SMMU_TEST_DMA_US);
	DT_EXPECT(t, err == 0, "DMA IOVA -> edu: %s", errno_name(err));
	err = edu_dma_to_ram(&x.edu, 0x100, S1_IOVA_DST + 0x300, S1_LEN, SMMU_TEST_DMA_US);
	DT_EXPECT(t, err == 0, "DMA edu -> IOVA: %s", errno_name(err));
	int bad = smmu_test_check(x.page[1] + 0x300, S1_LEN, 0x22);
	DT_EXPECT(t, bad < 0, "byte %d of the copy at the mapped page differs", bad);
	bad = smmu_test_untouched(x.page[1], 0x300, 0xa5);
	DT_EXPECT(t, bad < 0, "byte %d before the target changed", bad);
	bad = smmu_test_untouched(x.page[1] + 0x300 + S1_LEN, 0x1000 - 0x300 - S1_LEN, 0xa5);
	DT_EXPECT(t, bad < 0, "byte %d after the target changed", bad);

	/* A write to the read-only source page: F_PERMISSION, the page keeps its bytes. */
	smmuv3_evtq_drain(x.s);
	uint64_t since = x.s->events.total;
	err = edu_dma_to_ram(&x.edu, 0x100, S1_IOVA_SRC + 0x80, 16, SMMU_TEST_DMA_US);
	DT_EXPECT(t, err == 0, "DMA to the read-only IOVA: %s", errno_name(err));
	struct smmuv3_event ev;
	err = smmuv3_evtq_wait(x.s, since, SMMUV3_EVT_F_PERMISSION, x.sid, true, S1_IOVA_SRC + 0x80,
			       100000, &ev);
	DT_EXPECT(t, err == 0, "no F_PERMISSION for the write to read-only IOVA 0x%llx: %s",
		  (unsigned long long)(S1_IOVA_SRC + 0x80), errno_name(err));
	bad = smmu_test_check(x.page[0] + 0x80, S1_LEN, 0x22);
	DT_EXPECT(t, bad < 0, "byte %d of the read-only page changed", bad);

	s1_unmapped(t, &x, c);
out:
	if (src)
		DT_EXPECT_EQ(t, smmuv3_ctx_unmap(c, S1_IOVA_SRC, 0x1000), 1);
	if (dst)
		DT_EXPECT_EQ(t, smmuv3_ctx_unmap(c, S1_IOVA_DST, 0x1000), 1);
	if (c) {
		int base = smmuv3_mode() == SMMUV3_MODE_S1 ? SMMUV3_STE_S1 : SMMUV3_STE_BYPASS;
		smmuv3_ctx_put(c);
		DT_EXPECT_EQ(t, smmuv3_ste_config(smmuv3_ste_get(x.s, x.sid)), base);
	}
	smmu_test_close(&x);
}
