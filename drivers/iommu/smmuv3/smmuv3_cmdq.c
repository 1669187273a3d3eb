/* SPDX-License-Identifier: MIT */
/* The command queue (IHI 0070 §3.5, §4): producer index with wrap bit, CMD_SYNC polled by CONS. */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/time.h"

/* Index and wrap bit: bits log2:0 of PROD/CONS (§3.5.1). */
static uint32_t smmuv3_q_mask(unsigned log2)
{
	return (2u << log2) - 1;
}

static uint32_t smmuv3_q_idx(uint32_t v, unsigned log2)
{
	return v & ((1u << log2) - 1);
}

static bool smmuv3_q_full(uint32_t prod, uint32_t cons, unsigned log2)
{
	return smmuv3_q_idx(prod, log2) == smmuv3_q_idx(cons, log2) &&
	       ((prod ^ cons) & (1u << log2)); /* same index, different wrap */
}

/* Has CONS moved past the entry at index `at` (queued when PROD was `at`)? */
static bool smmuv3_q_consumed(uint32_t at, uint32_t cons, uint32_t prod, unsigned log2)
{
	uint32_t m = smmuv3_q_mask(log2);
	uint32_t outstanding = (prod - cons) & m; /* entries still queued */
	uint32_t ahead = (prod - at) & m;         /* entries from `at` to PROD */
	return outstanding < ahead;
}

int smmuv3_cmdq_init(struct smmuv3 *s)
{
	unsigned log2 = s->caps.cmdq_log2 < SMMUV3_CMDQ_LOG2 ? s->caps.cmdq_log2 : SMMUV3_CMDQ_LOG2;
	uint64_t bytes = 16ull << log2;
	unsigned pages = (unsigned)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	s->cmdq = page_alloc_aligned(pages, pages);
	if (!s->cmdq)
		return -ENOMEM;
	s->cmdq_log2 = log2;
	s->cmdq_prod = 0;
	return 0;
}

void smmuv3_cmdq_free(struct smmuv3 *s)
{
	if (!s->cmdq)
		return;
	uint64_t bytes = 16ull << s->cmdq_log2;
	page_free(s->cmdq, (unsigned)((bytes + PAGE_SIZE - 1) / PAGE_SIZE));
	s->cmdq = 0;
}

static struct smmuv3_cmd *smmuv3_cmdq_slot(struct smmuv3 *s, uint32_t v)
{
	return (struct smmuv3_cmd *)(uintptr_t)s->cmdq + smmuv3_q_idx(v, s->cmdq_log2);
}

/* Wait for room for one entry: 0 or -ETIMEDOUT. */
static int smmuv3_cmdq_room(struct smmuv3 *s, deadline_t d)
{
	while (smmuv3_q_full(s->cmdq_prod,
			     smmuv3_read32(s, SMMUV3_CMDQ_CONS) & smmuv3_q_mask(s->cmdq_log2),
			     s->cmdq_log2)) {
		if (deadline_passed(d))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
	return 0;
}

/*
 * §7.1: on a command error the unit stops with CONS at the bad command and
 * GERROR.CMDQ_ERR toggled. Record the CERROR, replace the command with a
 * CMD_SYNC (as Linux does) and acknowledge through GERRORN: the queue goes on.
 */
static void smmuv3_cmdq_recover(struct smmuv3 *s, uint32_t cons, uint32_t gerror)
{
	s->last_cerror = SMMUV3_CMDQ_CONS_ERR(cons);
	s->cerror_count++;
	struct smmuv3_cmd *slot = smmuv3_cmdq_slot(s, cons);
	*slot = smmuv3_cmd_sync();
	smmuv3_coh_publish(s, slot, sizeof(*slot));
	arch_wmb();
	uint32_t gerrorn = smmuv3_read32(s, SMMUV3_GERRORN);
	smmuv3_write32(s, SMMUV3_GERRORN, gerrorn ^ ((gerrorn ^ gerror) & SMMUV3_GERROR_CMDQ_ERR));
}

int smmuv3_cmdq_submit(struct smmuv3 *s, const struct smmuv3_cmd *cmds, unsigned n)
{
	deadline_t d = deadline_in_us(SMMUV3_WAIT_US);
	uint32_t m = smmuv3_q_mask(s->cmdq_log2);
	for (unsigned i = 0; i <= n; i++) {
		int err = smmuv3_cmdq_room(s, d);
		if (err)
			return err;
		struct smmuv3_cmd *slot = smmuv3_cmdq_slot(s, s->cmdq_prod);
		*slot = i < n ? cmds[i] : smmuv3_cmd_sync();
		smmuv3_coh_publish(s, slot, sizeof(*slot));
		s->cmdq_prod = (s->cmdq_prod + 1) & m;
	}
	uint32_t sync_at = (s->cmdq_prod - 1) & m;
	s->cmd_count += n;
	s->sync_count++;
	/*
	 * §3.5.2: the unit may read a slot as soon as PROD covers it, so the
	 * commands reach memory before PROD moves (Linux: dma_wmb, then the
	 * relaxed PROD write).
	 */
	arch_wmb();
	smmuv3_write32(s, SMMUV3_CMDQ_PROD, s->cmdq_prod);
	bool failed = false;
	for (;;) {
		uint32_t cons = smmuv3_read32(s, SMMUV3_CMDQ_CONS);
		uint32_t gerror = smmuv3_read32(s, SMMUV3_GERROR);
		uint32_t gerrorn = smmuv3_read32(s, SMMUV3_GERRORN);
		if ((gerror ^ gerrorn) & SMMUV3_GERROR_CMDQ_ERR) {
			smmuv3_cmdq_recover(s, cons, gerror);
			failed = true;
			continue;
		}
		if (smmuv3_q_consumed(sync_at, cons & m, s->cmdq_prod, s->cmdq_log2))
			return failed ? -EIO : 0;
		if (deadline_passed(d))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
}
