/* SPDX-License-Identifier: MIT */
/*
 * smmu.rmr: the IORT's RMR nodes (revision 5 or later) reach the SMMU as
 * bypass STEs for their StreamIDs before it is enabled, and a stage-1
 * context of such a stream maps each range at its own address. RMR nodes
 * in an older IORT are ignored (their streams abort like any unused one),
 * and so is a node whose ranges hold pages doorbell already uses.
 */
#include "drivers/acpi/acpi_iort.h"
#include "kernel/errno.h"
#include "kernel/platform.h"
#include "tests/guest/smmu_test.h"

static void rmr_check_context(struct dtest_ctx *t, struct smmuv3 *s, uint32_t sid,
			      const struct acpi_iort *io, const struct acpi_iort_node *n)
{
	struct smmuv3_ctx *c;
	int err = smmuv3_ctx_get(s, sid, &c);
	if (!DT_EXPECT(t, err == 0, "context for RMR stream 0x%x: %s", sid, errno_name(err)))
		return;
	DT_EXPECT_EQ(t, smmuv3_ste_config(smmuv3_ste_get(s, sid)), SMMUV3_STE_S1);
	for (unsigned r = 0; r < n->u.rmr.count; r++) {
		const struct acpi_iort_rmr_range *rg = &io->rmr_range[n->u.rmr.first + r];
		uint64_t probe[] = {rg->base, rg->base + rg->length - SMMUV3_PGT_PAGE + 0x10};
		for (unsigned k = 0; k < 2; k++) {
			uint64_t pa = 0;
			err = smmuv3_pgt_lookup(&c->pgt, probe[k], &pa, 0);
			DT_EXPECT(t, err == 0 && pa == probe[k],
				  "stream 0x%x IOVA 0x%llx: %s, phys 0x%llx (identity expected)",
				  sid, (unsigned long long)probe[k], errno_name(err),
				  (unsigned long long)pa);
		}
		DT_EXPECT_EQ(t, smmuv3_pgt_lookup(&c->pgt, rg->base + rg->length, 0, 0), -ENOENT);
		DT_EXPECT_EQ(t, smmuv3_pgt_lookup(&c->pgt, rg->base - SMMUV3_PGT_PAGE, 0, 0),
			     -ENOENT);
	}
	int in_use_s1 = smmuv3_stream_find(s, sid)->in_use && smmuv3_mode() == SMMUV3_MODE_S1;
	smmuv3_ctx_put(c);
	DT_EXPECT_EQ(t, smmuv3_ste_config(smmuv3_ste_get(s, sid)),
		     in_use_s1 ? SMMUV3_STE_S1 : SMMUV3_STE_BYPASS);
}

DTEST(smmu_rmr, .name = "smmu.rmr",
      .summary = "RMR StreamIDs get bypass STEs before SMMUEN and identity mappings in a stage-1 "
		 "context; RMR nodes of an IORT before revision 5 are ignored",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU | DTEST_NEED_ACPI, .deadline_ms = 1000)
{
	struct smmuv3 *s = smmuv3_get();
	const struct acpi_iort *io = &platform_get()->parsed.iort;
	if (!io->type_count[ACPI_IORT_RMR]) {
		dtest_skip(t, "no RMR node in the IORT");
		return;
	}
	bool current = io->revision >= ACPI_IORT_REVISION_RMR;
	unsigned streams = 0;
	for (unsigned i = 0; i < io->node_count; i++) {
		const struct acpi_iort_node *n = &io->node[i];
		if (n->type != ACPI_IORT_RMR)
			continue;
		for (unsigned k = 0; k < n->map_count; k++) {
			const struct acpi_iort_mapping *m = &io->mapping[n->map_first + k];
			if (m->output_node != s->iort_node)
				continue;
			uint32_t sid = m->output_base; /* the first StreamID of the mapping */
			const struct smmuv3_stream *st = smmuv3_stream_find(s, sid);
			const struct smmuv3_ste *ste = smmuv3_ste_get(s, sid);
			if (!DT_EXPECT(t, ste != 0, "RMR StreamID 0x%x beyond the table", sid))
				continue;
			streams++;
			if (!current) {
				DT_EXPECT(t, !st || !st->rmr, "stream 0x%x taken as RMR", sid);
				if (!st)
					DT_EXPECT_EQ(t, smmuv3_ste_config(ste), SMMUV3_STE_ABORT);
				continue;
			}
			if (smmuv3_rmr_node_refused(n->offset)) {
				/* Its pages were doorbell's already: a safe refusal, no bypass. */
				dtest_diag(t, "RMR node at IORT+0x%x refused, stream 0x%x",
					   n->offset, sid);
				DT_EXPECT(t, !st || !st->rmr, "stream 0x%x taken as RMR", sid);
				continue;
			}
			if (!DT_EXPECT(t, st && st->rmr, "RMR stream 0x%x not installed", sid))
				continue;
			DT_EXPECT_EQ(t, st->rmr_count, n->u.rmr.count);
			if (!st->ctx)
				DT_EXPECT_EQ(t, ste->w[0], 0x9); /* V, bypass */
			rmr_check_context(t, s, sid, io, n);
		}
	}
	DT_EXPECT_GT(t, streams, 0);
}
