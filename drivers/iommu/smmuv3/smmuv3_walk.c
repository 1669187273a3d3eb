/* SPDX-License-Identifier: MIT */
/*
 * The walk a device write takes (IHI 0070 §3.3): stage 1 through the
 * stream's context when it has one, stage 2 through the host's domain
 * when the STE enables it, read back from the tables doorbell built. A
 * diagnostic for tests and reports; the unit does its own walk.
 */
#include <string.h>

#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/errno.h"

int smmuv3_walk(struct smmuv3 *s, uint32_t sid, uint64_t addr, struct smmuv3_walk *w)
{
	memset(w, 0, sizeof(*w));
	w->in = w->ipa = w->pa = addr;
	struct smmuv3_stream *st = smmuv3_stream_find(s, sid);
	const struct smmuv3_ste *ste = smmuv3_ste_get(s, sid);
	if (!st || !ste)
		return -ENOENT;
	int config = smmuv3_ste_config(ste);
	w->s1 = config == SMMUV3_STE_S1 || config == SMMUV3_STE_NESTED;
	w->s2 = (config == SMMUV3_STE_S2 || config == SMMUV3_STE_NESTED) && s->s2;
	if (w->s1) {
		if (!st->ctx || smmuv3_pgt_lookup(&st->ctx->pgt, addr, &w->ipa, 0)) {
			w->fault = 1;
			return 0;
		}
		w->pa = w->ipa;
	}
	if (w->s2 && smmuv3_s2_walk(s->s2, w->ipa, &w->pa))
		w->fault = 2;
	return 0;
}
