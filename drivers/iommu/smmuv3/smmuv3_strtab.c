/* SPDX-License-Identifier: MIT */
/* Stream table entries in a live table (IHI 0070 §3.21.2: STE update and invalidation). */
#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/errno.h"

struct smmuv3_ste *smmuv3_ste_get(struct smmuv3 *s, uint32_t sid)
{
	if (!s->strtab || (uint64_t)sid >= (1ull << s->strtab_log2))
		return 0;
	return (struct smmuv3_ste *)(uintptr_t)s->strtab + sid;
}

struct smmuv3_stream *smmuv3_stream_find(struct smmuv3 *s, uint32_t sid)
{
	for (unsigned i = 0; i < s->stream_count; i++)
		if (s->stream[i].sid == sid)
			return &s->stream[i];
	return 0;
}

/* One word; cleaned to the point of coherency when the unit does not snoop. */
static void smmuv3_strtab_ste_store(const struct smmuv3 *s, volatile uint64_t *w, unsigned i,
				    uint64_t v)
{
	w[i] = v;
	smmuv3_coh_publish(s, (const void *)&w[i], sizeof(uint64_t));
}

/*
 * The unit reads an STE with 64-bit single-copy atomicity per word only, so
 * a live entry is changed through abort: word 0 to V|abort, invalidate;
 * words 1-7, then word 0 with the new Config, invalidate (Linux does the
 * same in arm_smmu_write_ste without hitless updates).
 */
int smmuv3_ste_install(struct smmuv3 *s, uint32_t sid, const struct smmuv3_ste *ste)
{
	struct smmuv3_ste *cur = smmuv3_ste_get(s, sid);
	if (!cur)
		return -EINVAL;
	volatile uint64_t *w = cur->w;
	struct smmuv3_cmd inv = smmuv3_cmd_cfgi_ste(sid, true);
	int err;
	if (s->enabled && (w[0] & SMMUV3_STE_V) && ((w[0] >> 1) & 7) != SMMUV3_STE_ABORT) {
		smmuv3_strtab_ste_store(s, w, 0, smmuv3_ste_abort().w[0]);
		err = smmuv3_cmdq_submit(s, &inv, 1);
		if (err)
			return err;
	}
	for (unsigned i = 1; i < 8; i++)
		smmuv3_strtab_ste_store(s, w, i, ste->w[i]);
	arch_wmb();
	smmuv3_strtab_ste_store(s, w, 0, ste->w[0]);
	return smmuv3_cmdq_submit(s, &inv, 1);
}
