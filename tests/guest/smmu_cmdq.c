/* SPDX-License-Identifier: MIT */
/* smmu.cmdq: commands complete through CMD_SYNC; an illegal one stops the queue with CERROR_ILL. */
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"
#include "kernel/test/dtest.h"

#define CMDQ_ILLEGAL_OP 0xff /* no command has this opcode (IHI 0070 §4.1.1) */

DTEST(smmu_cmdq, .name = "smmu.cmdq",
      .summary = "CFGI/TLBI + CMD_SYNC complete (CONS reaches PROD); an illegal opcode gives "
		 "GERROR.CMDQ_ERR with CERROR_ILL, recovered",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU, .deadline_ms = 1000)
{
	struct smmuv3 *s = smmuv3_get();
	uint32_t m = (2u << s->cmdq_log2) - 1;
	uint64_t syncs = s->sync_count, cmds = s->cmd_count, cerrors = s->cerror_count;
	struct smmuv3_cmd ok[] = {smmuv3_cmd_cfgi_ste(0, true), smmuv3_cmd_tlbi_nh_asid(1),
				  smmuv3_cmd_tlbi_nsnh_all()};
	DT_EXPECT_EQ(t, smmuv3_cmdq_submit(s, ok, 3), 0);
	DT_EXPECT_EQ(t, s->sync_count, syncs + 1);
	DT_EXPECT_EQ(t, s->cmd_count, cmds + 3);
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_CMDQ_CONS) & m, s->cmdq_prod);
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_CMDQ_PROD), s->cmdq_prod);

	struct smmuv3_cmd bad = smmuv3_cmd_raw(CMDQ_ILLEGAL_OP);
	int err = smmuv3_cmdq_submit(s, &bad, 1);
	DT_EXPECT(t, err == -EIO, "illegal command: %s, want -EIO", errno_name(err));
	DT_EXPECT(t, s->last_cerror == SMMUV3_CERROR_ILL, "CERROR %s, want CERROR_ILL",
		  smmuv3_cerror_name(s->last_cerror));
	DT_EXPECT_EQ(t, s->cerror_count, cerrors + 1);
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_GERROR) & SMMUV3_GERROR_CMDQ_ERR,
		     smmuv3_read32(s, SMMUV3_GERRORN) & SMMUV3_GERROR_CMDQ_ERR);
	/* The queue runs again. */
	struct smmuv3_cmd all = smmuv3_cmd_cfgi_all();
	DT_EXPECT_EQ(t, smmuv3_cmdq_submit(s, &all, 1), 0);
	DT_EXPECT_EQ(t, s->cerror_count, cerrors + 1);
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_CMDQ_CONS) & m, s->cmdq_prod);
}
