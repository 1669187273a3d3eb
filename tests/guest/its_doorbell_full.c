/* SPDX-License-Identifier: MIT */
/*
 * its.doorbell_full: the ITS domain's activate fails with -ENOSPC, unchanged,
 * when edu's MSI window has no free slot for the doorbell page, and leaves
 * nothing behind (no window slot, no context reference, no active
 * interrupt); with one slot given back the same interrupt activates and edu's
 * MSI arrives exactly once through the IOVA of that slot. Needs edu's stream
 * to translate (smmu=s1 or nested) and its doorbell to go through the
 * window (not an RMR window of a nested unit's host).
 */
#include "arch/hooks.h"
#include "drivers/iommu/iommu_msi.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/irqchip/gic_its.h"
#include "drivers/pci/pci_msi.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/msi_parent.h"
#include "tests/guest/itstest.h"

#define FULL_MAX                                                                                   \
	(sizeof(((struct smmuv3_ctx *)0)->msi) / sizeof(((struct smmuv3_ctx *)0)->msi[0]) + 1)

DTEST(its_doorbell_full, .name = "its.doorbell_full",
      .summary = "a full MSI window fails the ITS activate with -ENOSPC and nothing left; a freed "
		 "slot makes it work",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_EDU | DTEST_NEED_ITS | DTEST_NEED_SMMU,
      .deadline_ms = 5000)
{
	struct gic_its_domain *d = itstest_domain(t);
	if (!d)
		return;
	struct edu_dev edu;
	struct pci_msi_domain md;
	bool have_md = false;
	virq_t virq = VIRQ_NONE;
	struct irqtest_counter counter = {0};
	uint64_t filler[FULL_MAX] = {0};
	unsigned fillers = 0, refs = 0, slots = 0;
	int err = edu_probe(&edu, 0);
	if (!DT_EXPECT(t, err == 0, "edu probe: %s", errno_name(err)))
		return;
	uint32_t rid = pci_dev_rid(edu.pci);
	struct smmuv3_ctx *c = smmuv3_ctx_for_rid(smmuv3_get(), rid);
	if (!c) {
		dtest_skip(t, "edu's stream does not translate (smmu=s1 makes it)");
		goto out;
	}
	refs = c->refs;
	slots = c->msi_count;
	/* Where the doorbell goes for edu, asked once and given back. */
	uint64_t db = gic_its_translater(d->its), at = 0;
	if (!iommu_msi_map(rid, db, &at)) {
		iommu_msi_unmap(rid, db);
		if (smmuv3_ctx_rmr_covers(c, at)) {
			dtest_skip(t,
				   "edu reaches the doorbell at 0x%llx in its RMR window: no "
				   "MSI-window "
				   "slot to run out of",
				   (unsigned long long)at);
			goto out;
		}
	}
	/* Fill the window with pages that are not the doorbell. */
	for (fillers = 0; fillers < FULL_MAX; fillers++) {
		uint64_t iova;
		filler[fillers] = page_alloc(1);
		if (!filler[fillers]) {
			dtest_error(t, "out of pages");
			goto out;
		}
		err = smmuv3_ctx_msi_map(c, filler[fillers], &iova);
		if (err)
			break;
	}
	if (!DT_EXPECT(t, err == -ENOSPC && fillers > 0, "filling the window: %s after %u pages",
		       errno_name(err), fillers))
		goto out;
	err = pci_msi_domain_create(&md, &d->domain, edu.pci);
	if (!DT_EXPECT(t, err == 0, "PCI-MSI domain: %s", errno_name(err)))
		goto out;
	have_md = true;
	struct msi_dev msi;
	msi_dev_prepare(&msi, edu.pci); /* the ids only: the domain is its0 */
	struct irq_alloc_info info = {.cpu = IRQ_CPU(0), .dev = edu.pci, .ids = msi.ids};
	err = irq_alloc(&md.domain, 1, &info, &virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc: %s", errno_name(err)))
		goto out;
	irq_set_handler(virq, irqtest_handler, &counter);
	uint64_t cmds = d->its->cmd_count;
	err = irq_activate(virq);
	DT_EXPECT(t, err == -ENOSPC, "activate with a full window: %s, want -ENOSPC",
		  errno_name(err));
	struct msi_msg m;
	DT_EXPECT(t, irq_msg(virq, &m) != 0, "a message was stored after a failed activate");
	DT_EXPECT_EQ(t, d->its->cmd_count, cmds); /* nothing reached the ITS */
	DT_EXPECT_EQ(t, c->refs, refs);           /* the failed map took no reference */
	DT_EXPECT_EQ(t, c->msi_count, slots + fillers);

	/* One slot back: the same interrupt activates through it. */
	fillers--;
	DT_EXPECT_EQ(t, smmuv3_ctx_msi_unmap(c, filler[fillers]), 0);
	page_free(filler[fillers], 1);
	filler[fillers] = 0;
	err = irq_activate(virq);
	if (!DT_EXPECT(t, err == 0, "activate with a free slot: %s", errno_name(err)))
		goto out;
	DT_EXPECT_EQ(t, irq_msg(virq, &m), 0);
	itstest_expect_doorbell(t, "edu's message", rid, msi_msg_address(&m).v);
	struct irqtest_snap before;
	irqtest_snap(&before, virq);
	edu_raise(&edu, 1);
	DT_EXPECT(t, irqtest_wait(&counter, 1, IRQTEST_WAIT_US), "edu MSI through IOVA 0x%llx",
		  (unsigned long long)msi_msg_address(&m).v);
	irqtest_idle(ITSTEST_QUIET_US);
	irqtest_expect_delta(t, "edu MSI", virq, &before, 0, 1);
out:
	if (virq_valid(virq))
		irq_free(virq, 1);
	if (have_md)
		pci_msi_domain_remove(&md);
	for (unsigned i = 0; i < FULL_MAX; i++) {
		if (!filler[i])
			continue;
		if (i < fillers)
			smmuv3_ctx_msi_unmap(c, filler[i]);
		page_free(filler[i], 1);
	}
	if (c) {
		DT_EXPECT_EQ(t, c->refs, refs);
		DT_EXPECT_EQ(t, c->msi_count, slots);
	}
	edu_release(&edu);
}
