/* SPDX-License-Identifier: MIT */
/* The host part: the stage-2 domain, its VMID, its IPA space (smmuv3_s2.h). */
#include "drivers/iommu/smmuv3/smmuv3_s2.h"

#include <string.h>

#include "arch/hooks.h"
#include "boot/handoff.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/pci/pci.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"

static smmuv3_phys_t smmuv3_s2_tab_alloc(void *ctx)
{
	(void)ctx;
	return page_alloc(1);
}

static void smmuv3_s2_tab_free(void *ctx, smmuv3_phys_t page)
{
	(void)ctx;
	page_free(page, 1);
}

static uint64_t *smmuv3_s2_tab_map(void *ctx, smmuv3_phys_t page)
{
	(void)ctx;
	return (uint64_t *)(uintptr_t)page;
}

static void smmuv3_s2_tab_sync(void *ctx)
{
	(void)ctx;
	arch_wmb();
}

static void smmuv3_s2_tab_clean(void *ctx, const void *p, uint64_t len)
{
	smmuv3_coh_publish(ctx, p, len);
}

static const struct smmuv3_pgt_ops smmuv3_s2_tab_ops = {
	.alloc = smmuv3_s2_tab_alloc,
	.free = smmuv3_s2_tab_free,
	.map = smmuv3_s2_tab_map,
	.sync = smmuv3_s2_tab_sync,
	.clean = smmuv3_s2_tab_clean,
};

static bool smmuv3_s2_is_ram(uint32_t type)
{
	return type != MEM_RESERVED && type != MEM_UNUSABLE && type != MEM_MMIO &&
	       type != MEM_MMIO_PORT && type != MEM_PAL_CODE;
}

/* Runs of RAM regions of the boot memory map (sorted by base), adjacent ones merged. */
static void smmuv3_s2_collect_ram(struct smmuv3_s2 *d)
{
	const struct boot_info *bi = kernel_boot_info();
	for (uint32_t i = 0; bi && i < bi->region_count; i++) {
		const struct mem_region *r = &bi->regions[i];
		if (!smmuv3_s2_is_ram(r->type) || !r->pages)
			continue;
		uint64_t size = r->pages * PAGE_SIZE;
		if (d->ram_count &&
		    d->ram[d->ram_count - 1].base + d->ram[d->ram_count - 1].size == r->base) {
			d->ram[d->ram_count - 1].size += size;
			continue;
		}
		if (d->ram_count == SMMUV3_S2_RAM_RANGES)
			break;
		d->ram[d->ram_count].base = r->base;
		d->ram[d->ram_count].size = size;
		d->ram_count++;
	}
}

/*
 * The memory BARs of the PCI functions at IPA = PA, Device-nGnRE: what a
 * hypervisor gives a guest it passes the devices to (edu's DMA reads its
 * own BAR in the IMS device's clamp probe).
 */
static int smmuv3_s2_map_bars(struct smmuv3_s2 *d)
{
	for (unsigned i = 0; i < pci_dev_count(); i++) {
		const struct pci_dev *p = pci_dev_get(i);
		for (unsigned b = 0; b < p->bar_count; b++) {
			const struct pci_bar *bar = &p->bar[b];
			if ((bar->type != PCI_BAR_MEM32 && bar->type != PCI_BAR_MEM64) ||
			    !bar->assigned || !bar->size)
				continue;
			uint64_t base = bar->base & ~(uint64_t)(SMMUV3_PGT_PAGE - 1);
			uint64_t end = (bar->base + bar->size + SMMUV3_PGT_PAGE - 1) &
				       ~(uint64_t)(SMMUV3_PGT_PAGE - 1);
			int err = smmuv3_s2_pgt_map(&d->pgt, base, base, end - base,
						    SMMUV3_PROT_READ | SMMUV3_PROT_WRITE |
							    SMMUV3_PROT_DEVICE);
			if (err && err != -EEXIST)
				return err;
			d->bar_pages += (end - base) / SMMUV3_PGT_PAGE;
		}
	}
	return 0;
}

int smmuv3_s2_init(struct smmuv3_s2 *d, struct smmuv3 *s, bool nested)
{
	memset(d, 0, sizeof(*d));
	d->smmu = s;
	d->nested = nested;
	unsigned ipa_bits =
		s->caps.oas_bits < SMMUV3_S2_IPA_MAX ? s->caps.oas_bits : SMMUV3_S2_IPA_MAX;
	if (smmuv3_tag_alloc(&s->vmids, &d->vmid))
		return -ENOSPC;
	int err = smmuv3_s2_pgt_init(&d->pgt, &smmuv3_s2_tab_ops, s, ipa_bits);
	if (err)
		goto fail;
	smmuv3_s2_collect_ram(d);
	for (unsigned i = 0; i < d->ram_count; i++) {
		err = smmuv3_s2_pgt_map(&d->pgt, d->ram[i].base, d->ram[i].base, d->ram[i].size,
					SMMUV3_PROT_READ | SMMUV3_PROT_WRITE);
		if (err)
			goto fail;
	}
	err = smmuv3_s2_map_bars(d);
	if (err)
		goto fail;
	return 0;
fail:
	if (d->pgt.root)
		smmuv3_s2_pgt_destroy(&d->pgt);
	smmuv3_tag_free(&s->vmids, d->vmid);
	d->vmid = 0;
	return err;
}

int smmuv3_s2_add_rmr_window(struct smmuv3_s2 *d, uint64_t ipa, uint64_t length)
{
	if (d->rmr_count == SMMUV3_S2_DOORBELLS)
		return -ENOSPC;
	d->rmr[d->rmr_count].ipa = ipa;
	d->rmr[d->rmr_count].length = length;
	d->rmr_count++;
	return 0;
}

int smmuv3_s2_map(struct smmuv3_s2 *d, uint64_t ipa, uint64_t pa, uint64_t size, unsigned prot)
{
	return smmuv3_s2_pgt_map(&d->pgt, ipa, pa, size, prot);
}

#define SMMUV3_S2_TLBI_BATCH 16u

int smmuv3_s2_unmap(struct smmuv3_s2 *d, uint64_t ipa, uint64_t size)
{
	int n = smmuv3_s2_pgt_unmap(&d->pgt, ipa, size);
	if (n < 0)
		return n;
	struct smmuv3_cmd cmd[SMMUV3_S2_TLBI_BATCH + 1];
	unsigned k = 0;
	for (uint64_t off = 0; off < size; off += SMMUV3_PGT_PAGE) {
		cmd[k++] = smmuv3_cmd_tlbi_s2_ipa(d->vmid, ipa + off, true);
		if (k == SMMUV3_S2_TLBI_BATCH) {
			int err = smmuv3_cmdq_submit(d->smmu, cmd, k);
			if (err)
				return err;
			d->tlbi_count += k;
			k = 0;
		}
	}
	if (d->nested)
		cmd[k++] = smmuv3_cmd_tlbi_s12_vmall(d->vmid);
	int err = smmuv3_cmdq_submit(d->smmu, cmd, k);
	if (err)
		return err;
	d->tlbi_count += k;
	return n;
}

/* The frame's IPA: a free RMR window that holds it, else the next slot of the doorbell area. */
static int smmuv3_s2_place(struct smmuv3_s2 *d, uint64_t frame, uint64_t *ipa, bool *rmr)
{
	for (unsigned i = 0; i < d->rmr_count; i++) {
		if (d->rmr[i].bound || d->rmr[i].length < SMMUV3_S2_FRAME ||
		    d->rmr[i].ipa & (SMMUV3_S2_FRAME - 1))
			continue;
		int err = smmuv3_s2_map(d, d->rmr[i].ipa, frame, SMMUV3_S2_FRAME,
					SMMUV3_PROT_WRITE | SMMUV3_PROT_DEVICE);
		if (err)
			return err;
		d->rmr[i].bound = true;
		*ipa = d->rmr[i].ipa;
		*rmr = true;
		return 0;
	}
	uint64_t at = SMMUV3_S2_DOORBELL_IPA + (uint64_t)d->doorbell_count * SMMUV3_S2_FRAME;
	int err = smmuv3_s2_map(d, at, frame, SMMUV3_S2_FRAME,
				SMMUV3_PROT_WRITE | SMMUV3_PROT_DEVICE);
	if (err)
		return err;
	*ipa = at;
	*rmr = false;
	return 0;
}

int smmuv3_s2_doorbell_ipa(struct smmuv3_s2 *d, uint64_t doorbell_pa, uint64_t *ipa)
{
	uint64_t frame = doorbell_pa & ~(SMMUV3_S2_FRAME - 1);
	for (unsigned i = 0; i < d->doorbell_count; i++) {
		if (d->doorbell[i].frame == frame) {
			*ipa = d->doorbell[i].ipa + (doorbell_pa - frame);
			return 0;
		}
	}
	if (d->doorbell_count == SMMUV3_S2_DOORBELLS)
		return -ENOSPC;
	uint64_t at;
	bool rmr;
	int err = smmuv3_s2_place(d, frame, &at, &rmr);
	if (err)
		return err;
	d->doorbell[d->doorbell_count].frame = frame;
	d->doorbell[d->doorbell_count].ipa = at;
	d->doorbell[d->doorbell_count].rmr = rmr;
	d->doorbell_count++;
	kprintf("# smmuv3: stage 2 (VMID %u): doorbell frame 0x%llx at IPA 0x%llx%s\n", d->vmid,
		(unsigned long long)frame, (unsigned long long)at, rmr ? " (RMR window)" : "");
	*ipa = at + (doorbell_pa - frame);
	return 0;
}

void smmuv3_s2_fields(const struct smmuv3_s2 *d, struct smmuv3_s2_fields *f)
{
	memset(f, 0, sizeof(*f));
	f->vmid = d->vmid;
	f->t0sz = 64u - d->pgt.ipa_bits;
	f->sl0 = smmuv3_s2_sl0(d->pgt.start_level);
	f->ps = d->smmu->caps.oas_enc;
	f->ttb = d->pgt.root;
}

struct smmuv3_ste smmuv3_s2_ste(const struct smmuv3_s2 *d, uint64_t cd_ipa)
{
	struct smmuv3_s2_fields f;
	smmuv3_s2_fields(d, &f);
	return cd_ipa ? smmuv3_ste_nested(cd_ipa, &f) : smmuv3_ste_s2(&f);
}

struct smmuv3_cmd smmuv3_s2_stamp(const struct smmuv3_s2 *d, struct smmuv3_cmd cmd)
{
	return smmuv3_cmd_with_vmid(cmd, d->vmid);
}

int smmuv3_s2_walk(const struct smmuv3_s2 *d, uint64_t ipa, uint64_t *pa)
{
	return smmuv3_s2_pgt_lookup(&d->pgt, ipa, pa, 0);
}

void smmuv3_s2_report(const struct smmuv3_s2 *d)
{
	fact("smmuv3.s2_vmid", "%u", d->vmid);
	fact("smmuv3.s2_vmid_bits", "%u", d->smmu->caps.vmid16 ? 16 : 8);
	fact("smmuv3.s2_ipa_bits", "%u", d->pgt.ipa_bits);
	fact("smmuv3.s2_start_level", "%u", d->pgt.start_level);
	uint64_t ram = 0;
	for (unsigned i = 0; i < d->ram_count; i++)
		ram += d->ram[i].size;
	fact("smmuv3.s2_ram", "%u range(s), %llu MiB at IPA = PA", d->ram_count,
	     (unsigned long long)(ram >> 20));
	fact("smmuv3.s2_bar_pages", "%llu", (unsigned long long)d->bar_pages);
	fact("smmuv3.s2_rmr_windows", "%u", d->rmr_count);
}
