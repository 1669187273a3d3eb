/* SPDX-License-Identifier: MIT */
/* smmu.probe: the unit as doorbell left it: CR0ACK, table base and size, every STE it wrote. */
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "drivers/pci/pci.h"
#include "kernel/test/dtest.h"

static void probe_check_ste(struct dtest_ctx *t, struct smmuv3 *s, const struct smmuv3_stream *st)
{
	const struct smmuv3_ste *e = smmuv3_ste_get(s, st->sid);
	if (!DT_EXPECT(t, e != 0, "stream 0x%x beyond the table", st->sid))
		return;
	int want = st->ctx ? SMMUV3_STE_S1 : st->base_config;
	DT_EXPECT(t, smmuv3_ste_config(e) == want, "stream 0x%x: STE %s, want %s", st->sid,
		  smmuv3_ste_config_name(smmuv3_ste_config(e)), smmuv3_ste_config_name(want));
	if (want == SMMUV3_STE_BYPASS) {
		DT_EXPECT_EQ(t, e->w[0], 0x9);        /* V, Config 0b100 */
		DT_EXPECT_EQ(t, e->w[1], 1ull << 44); /* SHCFG incoming */
	}
	if (!st->ctx)
		return;
	DT_EXPECT_EQ(t, smmuv3_ste_cd_ptr(e), st->ctx->cd_phys);
	struct smmuv3_cd_fields f;
	bool valid;
	smmuv3_cd_decode((const struct smmuv3_cd *)(uintptr_t)st->ctx->cd_phys, &f, &valid);
	DT_EXPECT(t, valid, "stream 0x%x: CD not valid", st->sid);
	DT_EXPECT_EQ(t, f.t0sz, SMMUV3_PGT_T0SZ);
	DT_EXPECT_EQ(t, f.asid, st->ctx->asid);
	DT_EXPECT_EQ(t, f.ttb0, st->ctx->pgt.root);
	DT_EXPECT_EQ(t, f.mair, SMMUV3_PGT_MAIR);
	DT_EXPECT_EQ(t, f.ips, s->caps.oas_enc);
}

DTEST(smmu_probe, .name = "smmu.probe",
      .summary = "SMMUv3 enabled with its queues, a size-aligned linear stream table, the STEs of "
		 "every stream doorbell tracks and abort elsewhere",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU, .deadline_ms = 1000)
{
	struct smmuv3 *s = smmuv3_get();
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_CR0ACK),
		     SMMUV3_CR0_SMMUEN | SMMUV3_CR0_EVENTQEN | SMMUV3_CR0_CMDQEN);
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_IRQ_CTRLACK),
		     s->evtq_irq ? SMMUV3_IRQ_CTRL_EVENTQ_IRQEN : 0);
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_GERROR), smmuv3_read32(s, SMMUV3_GERRORN));
	DT_EXPECT_EQ(t, smmuv3_read64(s, SMMUV3_STRTAB_BASE), SMMUV3_STRTAB_BASE_RA | s->strtab);
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_STRTAB_BASE_CFG), s->strtab_log2);
	DT_EXPECT_EQ(t, s->strtab & ((64ull << s->strtab_log2) - 1), 0);
	DT_EXPECT_EQ(t, smmuv3_read64(s, SMMUV3_CMDQ_BASE),
		     SMMUV3_Q_BASE_RWA | s->cmdq | s->cmdq_log2);
	DT_EXPECT_EQ(t, smmuv3_read64(s, SMMUV3_EVENTQ_BASE),
		     SMMUV3_Q_BASE_RWA | s->evtq | s->evtq_log2);
	DT_EXPECT(t, s->caps.s1p, "IDR0.S1P = 0 on an enabled unit");

	/* Every PCI function the IORT sends here has a StreamID inside the table. */
	unsigned behind = 0;
	for (unsigned i = 0; i < pci_dev_count(); i++) {
		uint32_t sid;
		if (smmuv3_rid_to_sid(s, pci_dev_rid(pci_dev_get(i)), &sid))
			continue;
		behind++;
		const struct smmuv3_stream *st = smmuv3_stream_find(s, sid);
		DT_EXPECT(t, st && st->in_use, "StreamID 0x%x of a PCI function is not tracked",
			  sid);
	}
	DT_EXPECT_GT(t, behind, 0);
	for (unsigned i = 0; i < s->stream_count; i++)
		probe_check_ste(t, s, &s->stream[i]);

	/* The rest of the table aborts: V = 1, Config = 0, nothing else. */
	unsigned aborted = 0, wrong = 0;
	for (uint32_t sid = 0; sid < (1u << s->strtab_log2); sid++) {
		if (smmuv3_stream_find(s, sid))
			continue;
		const struct smmuv3_ste *e = smmuv3_ste_get(s, sid);
		bool ok = e->w[0] == SMMUV3_STE_V;
		for (unsigned w = 1; w < 8; w++)
			ok = ok && !e->w[w];
		if (ok)
			aborted++;
		else if (!wrong++)
			dtest_diag(t, "StreamID 0x%x: STE word 0 0x%llx", sid,
				   (unsigned long long)e->w[0]);
	}
	DT_EXPECT_EQ(t, wrong, 0);
	DT_EXPECT_EQ(t, aborted + s->stream_count, 1u << s->strtab_log2);
}
