/* SPDX-License-Identifier: MIT */
/*
 * Stage-1 contexts: one context descriptor and one set of page tables per
 * StreamID (S1CDMax = 0: no substreams), its own ASID. The MSI window of
 * each context holds the doorbell pages the interrupt stack asked for.
 *
 * This is the guest part of a nested unit: with a host stage-2 domain
 * (s->s2) its outputs are IPAs, its CD and tables are reached through
 * stage 2 (RAM is at IPA = PA), the STE comes from the host
 * (smmuv3_s2_ste) and its TLB invalidations carry the host's VMID
 * (smmuv3_s2_stamp); it knows nothing else of stage 2.
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"

static smmuv3_phys_t smmuv3_ctx_pgt_alloc(void *ctx)
{
	(void)ctx;
	return page_alloc(1);
}

static void smmuv3_ctx_pgt_free(void *ctx, smmuv3_phys_t page)
{
	(void)ctx;
	page_free(page, 1);
}

static uint64_t *smmuv3_ctx_pgt_map(void *ctx, smmuv3_phys_t page)
{
	(void)ctx;
	return (uint64_t *)(uintptr_t)page;
}

static void smmuv3_ctx_pgt_sync(void *ctx)
{
	(void)ctx;
	arch_wmb();
}

/* ctx is the unit: the tables are cleaned when it does not snoop (smmuv3_coh.c). */
static void smmuv3_ctx_pgt_clean(void *ctx, const void *p, uint64_t len)
{
	smmuv3_coh_publish(ctx, p, len);
}

static const struct smmuv3_pgt_ops ctx_pgt_ops = {
	.alloc = smmuv3_ctx_pgt_alloc,
	.free = smmuv3_ctx_pgt_free,
	.map = smmuv3_ctx_pgt_map,
	.sync = smmuv3_ctx_pgt_sync,
	.clean = smmuv3_ctx_pgt_clean,
};

static struct smmuv3_ste smmuv3_ctx_ste_for(const struct smmuv3 *s, int config)
{
	if (config == SMMUV3_STE_S2 && s->s2)
		return smmuv3_s2_ste(s->s2, 0);
	return config == SMMUV3_STE_BYPASS ? smmuv3_ste_bypass() : smmuv3_ste_abort();
}

/* The context's stage-1 entries (§4.4.2), of its VMID when nested. */
static int smmuv3_ctx_tlbi(struct smmuv3 *s, uint16_t asid)
{
	struct smmuv3_cmd tlbi = smmuv3_cmd_tlbi_nh_asid(asid);
	if (s->s2)
		tlbi = smmuv3_s2_stamp(s->s2, tlbi);
	return smmuv3_cmdq_submit(s, &tlbi, 1);
}

static struct smmuv3_stream *smmuv3_ctx_stream_track(struct smmuv3 *s, uint32_t sid)
{
	struct smmuv3_stream *st = smmuv3_stream_find(s, sid);
	if (st || s->stream_count >= SMMUV3_MAX_STREAMS)
		return st;
	st = &s->stream[s->stream_count++];
	memset(st, 0, sizeof(*st));
	st->sid = sid;
	st->base_config = SMMUV3_STE_ABORT;
	return st;
}

static bool smmuv3_ctx_in_msi_window(uint64_t iova, uint64_t size)
{
	return iova < SMMUV3_MSI_WINDOW_BASE + SMMUV3_MSI_WINDOW_SIZE &&
	       iova + size > SMMUV3_MSI_WINDOW_BASE;
}

static void smmuv3_ctx_release(struct smmuv3_ctx *c)
{
	if (c->pgt.root)
		smmuv3_pgt_destroy(&c->pgt);
	if (c->cd_phys)
		page_free(c->cd_phys, 1);
	/* Its TLB entries are gone (TLBI_NH_ASID + CMD_SYNC): the ASID may serve another context. */
	if (c->asid)
		smmuv3_tag_free(&c->smmu->asids, c->asid);
	memset(c, 0, sizeof(*c));
}

int smmuv3_ctx_get(struct smmuv3 *s, uint32_t sid, struct smmuv3_ctx **out)
{
	if (!smmuv3_ste_get(s, sid))
		return -EINVAL;
	struct smmuv3_stream *st = smmuv3_ctx_stream_track(s, sid);
	if (!st)
		return -ENOSPC;
	if (st->ctx) {
		st->ctx->refs++;
		*out = st->ctx;
		return 0;
	}
	struct smmuv3_ctx *c = 0;
	for (unsigned i = 0; i < SMMUV3_MAX_CTX && !c; i++)
		if (!s->ctx[i].smmu)
			c = &s->ctx[i];
	if (!c)
		return -ENOSPC;
	memset(c, 0, sizeof(*c));
	if (smmuv3_tag_alloc(&s->asids, &c->asid))
		return -ENOSPC;
	c->smmu = s;
	c->sid = sid;
	c->refs = 1;
	int err = -ENOMEM;
	c->cd_phys = page_alloc(1);
	if (!c->cd_phys)
		goto fail;
	err = smmuv3_pgt_init(&c->pgt, &ctx_pgt_ops, s);
	if (err)
		goto fail;
	/* RMR ranges stay reachable at their own address (IORT E.d §3.1.1.9). */
	for (unsigned i = 0; i < st->rmr_count; i++) {
		unsigned prot = SMMUV3_PROT_READ | SMMUV3_PROT_WRITE;
		if (st->rmr_range[i].device)
			prot |= SMMUV3_PROT_DEVICE;
		err = smmuv3_pgt_map(&c->pgt, st->rmr_range[i].base, st->rmr_range[i].base,
				     st->rmr_range[i].length, prot);
		if (err)
			goto fail;
	}
	struct smmuv3_cd_fields f = {
		.ttb0 = c->pgt.root,
		.asid = c->asid,
		.t0sz = SMMUV3_PGT_T0SZ,
		.ips = s->caps.oas_enc,
		.mair = SMMUV3_PGT_MAIR,
	};
	struct smmuv3_cd *cd = (struct smmuv3_cd *)(uintptr_t)c->cd_phys;
	*cd = smmuv3_cd_s1(&f);
	smmuv3_coh_publish(s, cd, sizeof(*cd));
	arch_wmb();
	/* Nested: the CD's address is an IPA, equal to its PA (RAM is identity at stage 2). */
	struct smmuv3_ste ste = s->s2 && s->s2->nested ? smmuv3_s2_ste(s->s2, c->cd_phys)
						       : smmuv3_ste_s1(c->cd_phys);
	err = smmuv3_ste_install(s, sid, &ste);
	if (err)
		goto fail_ste;
	st->ctx = c;
	*out = c;
	return 0;
fail_ste:
	ste = smmuv3_ctx_ste_for(s, st->base_config);
	smmuv3_ste_install(s, sid, &ste);
	/* The unit may have walked the tables meanwhile: nothing of the ASID stays cached. */
	smmuv3_ctx_tlbi(s, c->asid);
fail:
	smmuv3_ctx_release(c);
	return err;
}

struct smmuv3_ctx *smmuv3_ctx_for_rid(struct smmuv3 *s, uint32_t rid)
{
	uint32_t sid;
	if (!s || smmuv3_rid_to_sid(s, rid, &sid))
		return 0;
	struct smmuv3_stream *st = smmuv3_stream_find(s, sid);
	return st ? st->ctx : 0;
}

void smmuv3_ctx_put(struct smmuv3_ctx *c)
{
	if (!c->smmu || --c->refs)
		return;
	struct smmuv3 *s = c->smmu;
	struct smmuv3_stream *st = smmuv3_stream_find(s, c->sid);
	struct smmuv3_ste ste = smmuv3_ctx_ste_for(s, st ? st->base_config : SMMUV3_STE_ABORT);
	smmuv3_ste_install(s, c->sid, &ste);
	smmuv3_ctx_tlbi(s, c->asid);
	if (st)
		st->ctx = 0;
	smmuv3_ctx_release(c);
}

int smmuv3_ctx_map(struct smmuv3_ctx *c, uint64_t iova, uint64_t phys, uint64_t size, unsigned prot)
{
	if (smmuv3_ctx_in_msi_window(iova, size))
		return -EINVAL;
	return smmuv3_pgt_map(&c->pgt, iova, phys, size, prot);
}

/* Entries gone, then the ASID's cached walks (§4.4.2); the sync completes both. */
static int smmuv3_ctx_unmap_any(struct smmuv3_ctx *c, uint64_t iova, uint64_t size)
{
	int n = smmuv3_pgt_unmap(&c->pgt, iova, size);
	if (n < 0)
		return n;
	int err = smmuv3_ctx_tlbi(c->smmu, c->asid);
	return err ? err : n;
}

int smmuv3_ctx_unmap(struct smmuv3_ctx *c, uint64_t iova, uint64_t size)
{
	if (smmuv3_ctx_in_msi_window(iova, size))
		return -EINVAL;
	return smmuv3_ctx_unmap_any(c, iova, size);
}

int smmuv3_ctx_msi_map(struct smmuv3_ctx *c, uint64_t doorbell_phys, uint64_t *iova)
{
	uint64_t page = doorbell_phys & ~(uint64_t)(SMMUV3_PGT_PAGE - 1);
	unsigned n = sizeof(c->msi) / sizeof(c->msi[0]);
	unsigned slot = n;
	for (unsigned i = 0; i < n; i++) {
		if (c->msi[i].refs && c->msi[i].page == page) {
			slot = i;
			break;
		}
		if (!c->msi[i].refs && slot == n)
			slot = i;
	}
	if (slot == n)
		return -ENOSPC;
	uint64_t va = SMMUV3_MSI_WINDOW_BASE + (uint64_t)slot * SMMUV3_PGT_PAGE;
	if (!c->msi[slot].refs) {
		int err = smmuv3_pgt_map(&c->pgt, va, page, SMMUV3_PGT_PAGE,
					 SMMUV3_PROT_READ | SMMUV3_PROT_WRITE | SMMUV3_PROT_DEVICE);
		if (err)
			return err;
		c->msi[slot].page = page;
		c->msi_count++;
	}
	c->msi[slot].refs++;
	*iova = va + (doorbell_phys - page);
	return 0;
}

int smmuv3_ctx_msi_unmap(struct smmuv3_ctx *c, uint64_t doorbell_phys)
{
	uint64_t page = doorbell_phys & ~(uint64_t)(SMMUV3_PGT_PAGE - 1);
	for (unsigned i = 0; i < sizeof(c->msi) / sizeof(c->msi[0]); i++) {
		if (!c->msi[i].refs || c->msi[i].page != page)
			continue;
		if (--c->msi[i].refs)
			return 0;
		c->msi[i].page = 0;
		c->msi_count--;
		int n = smmuv3_ctx_unmap_any(
			c, SMMUV3_MSI_WINDOW_BASE + (uint64_t)i * SMMUV3_PGT_PAGE, SMMUV3_PGT_PAGE);
		return n < 0 ? n : 0;
	}
	return -ENOENT;
}

bool smmuv3_ctx_rmr_covers(const struct smmuv3_ctx *c, uint64_t addr)
{
	const struct smmuv3_stream *st = smmuv3_stream_find(c->smmu, c->sid);
	for (unsigned i = 0; st && i < st->rmr_count; i++)
		if (addr >= st->rmr_range[i].base &&
		    addr - st->rmr_range[i].base < st->rmr_range[i].length)
			return true;
	return false;
}
