/* SPDX-License-Identifier: MIT */
/*
 * The SMMUv3 behind iommu_msi_map: doorbells of translated streams go
 * through the MSI window. With the host's stage 2 (nested or stage-2-only
 * modes) the doorbell is first given an IPA by the host part
 * (smmuv3_s2_doorbell_ipa); stage 1, the guest part, then maps its window
 * slot onto that IPA, or, when the IPA lies in one of the stream's RMR
 * ranges (identity at stage 1), the device writes the IPA itself.
 */
#include "drivers/iommu/iommu_msi.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/errno.h"

/* The translating context of rid, NULL when its writes reach memory untranslated. */
static struct smmuv3_ctx *smmuv3_msi_ctx(uint32_t rid)
{
	return smmuv3_ctx_for_rid(smmuv3_get(), rid);
}

/* The host's stage 2 when rid's stream is one of the unit's streams in use, else NULL. */
static struct smmuv3_s2 *smmuv3_msi_s2(uint32_t rid)
{
	struct smmuv3 *s = smmuv3_get();
	uint32_t sid;
	if (!s || !s->s2 || smmuv3_rid_to_sid(s, rid, &sid))
		return 0;
	struct smmuv3_stream *st = smmuv3_stream_find(s, sid);
	return st && (st->in_use || st->ctx) ? s->s2 : 0;
}

static bool smmuv3_msi_translated(uint32_t rid)
{
	return smmuv3_msi_ctx(rid) != 0 || smmuv3_msi_s2(rid) != 0;
}

/* What stage 1 must reach for doorbell_phys: the IPA the host gave it, or the PA. */
static int smmuv3_msi_stage1_target(uint32_t rid, uint64_t doorbell_phys, uint64_t *out)
{
	struct smmuv3_s2 *d = smmuv3_msi_s2(rid);
	*out = doorbell_phys;
	return d ? smmuv3_s2_doorbell_ipa(d, doorbell_phys, out) : 0;
}

static int smmuv3_msi_map(uint32_t rid, uint64_t doorbell_phys, uint64_t *iova)
{
	uint64_t target;
	int err = smmuv3_msi_stage1_target(rid, doorbell_phys, &target);
	if (err)
		return err;
	struct smmuv3_ctx *c = smmuv3_msi_ctx(rid);
	if (!c) {
		*iova = target; /* stage 1 absent: the PA, or the IPA under stage 2 only */
		return 0;
	}
	if (smmuv3_ctx_rmr_covers(c, target))
		*iova = target; /* an RMR range: stage 1 maps it at its own address */
	else
		err = smmuv3_ctx_msi_map(c, target, iova);
	if (!err)
		c->refs++; /* the context outlives the message that points into it */
	return err;
}

static int smmuv3_msi_unmap(uint32_t rid, uint64_t doorbell_phys)
{
	struct smmuv3_ctx *c = smmuv3_msi_ctx(rid);
	if (!c)
		return 0;
	uint64_t target;
	int err = smmuv3_msi_stage1_target(rid, doorbell_phys, &target);
	if (err)
		return err;
	if (!smmuv3_ctx_rmr_covers(c, target))
		err = smmuv3_ctx_msi_unmap(c, target);
	if (!err)
		smmuv3_ctx_put(c);
	return err;
}

const struct iommu_msi_ops smmuv3_msi_ops = {
	.name = "smmuv3",
	.translated = smmuv3_msi_translated,
	.map = smmuv3_msi_map,
	.unmap = smmuv3_msi_unmap,
};
