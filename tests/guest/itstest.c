/* SPDX-License-Identifier: MIT */
#include "tests/guest/itstest.h"

#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/iommu_msi.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/dma.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/msi_parent.h"
#include "kernel/time.h"

struct gic_its_domain *itstest_domain(struct dtest_ctx *t)
{
	struct gic_its_domain *d = gic_its_domain_state();
	if (!d)
		dtest_skip(t, "the ITS is off: %s", gic_its_absent_reason());
	return d;
}

bool itstest_event_of(struct dtest_ctx *t, struct gic_its_domain *d, virq_t virq,
		      struct itstest_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	unsigned long f = irq_lock();
	int err = gic_its_domain_event(d, virq, &ev->dev_id, &ev->event);
	for (unsigned i = 0; !err && i < ITS_MAX_DEVICES; i++)
		if (d->its->dev[i].used && d->its->dev[i].dev_id == ev->dev_id)
			ev->nevents = d->its->dev[i].nevents;
	irq_unlock(f);
	return DT_EXPECT(t, err == 0 && ev->nevents > 1, "virq %u in %s: %s, ITT of %u events",
			 virq.v, d->domain.name, errno_name(err), ev->nevents);
}

bool itstest_msi_open(struct dtest_ctx *t, struct gic_its_domain *d, struct irqtest_msi *s,
		      struct itstest_event *ev)
{
	if (!irqtest_msi_open(t, s, 0))
		return false;
	struct irq_data *top = irq_chain(s->virq);
	if (!DT_EXPECT(t, top && top->parent_data && top->parent_data->domain == &d->domain,
		       "the edu MSI's parent is not %s", d->domain.name))
		return false;
	return itstest_event_of(t, d, s->virq, ev);
}

bool itstest_probe_open(struct dtest_ctx *t, struct itstest_probe *p, uint32_t rid, unsigned cpu)
{
	memset(p, 0, sizeof(*p));
	struct gic_its_domain *d = gic_its_domain_state();
	struct msi_dev msi;
	msi_dev_prepare_rid(&msi, 0, (uint16_t)rid); /* the ids only: the domain is its0 */
	struct irq_alloc_info info = {.cpu = IRQ_CPU(cpu), .ids = msi.ids};
	int err = d ? irq_alloc(&d->domain, 1, &info, &p->virq) : -ENODEV;
	if (!DT_EXPECT(t, err == 0, "probe for RID 0x%x: irq_alloc: %s", rid, errno_name(err)))
		return false;
	irq_set_handler(p->virq, irqtest_handler, &p->counter);
	err = irq_activate(p->virq);
	if (!err) {
		unsigned long f = irq_lock();
		err = gic_its_domain_event(d, p->virq, &p->dev_id, &p->event);
		irq_unlock(f);
	}
	return DT_EXPECT(t, err == 0, "probe for RID 0x%x: activate: %s", rid, errno_name(err));
}

void itstest_probe_close(struct itstest_probe *p)
{
	if (virq_valid(p->virq))
		irq_free(p->virq, 1);
	p->virq = VIRQ_NONE;
}

int itstest_edu_dma_write32(const struct edu_dev *e, uint64_t bus, uint32_t value)
{
	paddr_t page = page_alloc(1);
	if (!page)
		return -ENOMEM;
	*(volatile uint32_t *)(uintptr_t)page = value;
	arch_dcache_clean((const void *)(uintptr_t)page, 4);
	arch_wmb();
	uint32_t rid = pci_dev_rid(e->pci);
	uint64_t src;
	int err = dma_map(rid, page, 4, &src); /* a stage-1 context translates edu's reads too */
	if (err)
		goto out;
	err = edu_dma_from_ram(e, src, 0, 4, ITSTEST_DMA_US);
	if (!err)
		err = edu_dma_to_ram(e, 0, bus, 4, ITSTEST_DMA_US);
	if (!err || !edu_dma_busy(e)) {
		dma_unmap(rid, src, 4);
		page_free(page, 1);
	}
	return err;
out:
	page_free(page, 1);
	return err;
}

bool itstest_expect_doorbell(struct dtest_ctx *t, const char *label, uint32_t rid, uint64_t addr)
{
	struct gic_its_domain *d = gic_its_domain_state();
	if (!d)
		return DT_EXPECT(t, false, "%s: no ITS", label);
	uint64_t db = gic_its_translater(d->its);
	struct smmuv3 *s = smmuv3_get();
	struct smmuv3_ctx *c = smmuv3_ctx_for_rid(s, rid);
	uint32_t sid;
	struct smmuv3_walk w;
	if (!c && s && !smmuv3_rid_to_sid(s, rid, &sid) && !smmuv3_walk(s, sid, addr, &w) && w.s2)
		/* Stage 2 only: the IPA the host put the doorbell at. */
		return DT_EXPECT(t, !w.fault && w.pa == db,
				 "%s (RID 0x%x, StreamID 0x%x, stage 2 only): IPA 0x%llx walks to "
				 "0x%llx (fault at stage %d), want GITS_TRANSLATER 0x%llx",
				 label, rid, sid, (unsigned long long)addr,
				 (unsigned long long)w.pa, w.fault, (unsigned long long)db);
	if (!c)
		return DT_EXPECT(t, addr == db,
				 "%s (RID 0x%x, untranslated): address 0x%llx, want "
				 "GITS_TRANSLATER 0x%llx",
				 label, rid, (unsigned long long)addr, (unsigned long long)db);
	/*
	 * Translated: an IOVA in the context's MSI window (or, nested, in one of
	 * the stream's RMR ranges) that the SMMU walks to the doorbell, through
	 * the host's stage 2 when there is one.
	 */
	int err = smmuv3_walk(c->smmu, c->sid, addr, &w);
	bool window = (addr >= SMMUV3_MSI_WINDOW_BASE &&
		       addr < SMMUV3_MSI_WINDOW_BASE + SMMUV3_MSI_WINDOW_SIZE) ||
		      (c->smmu->s2 && smmuv3_ctx_rmr_covers(c, addr));
	return DT_EXPECT(t, window && err == 0 && !w.fault && w.pa == db,
			 "%s (RID 0x%x, StreamID 0x%x translated): address 0x%llx, want an IOVA in "
			 "0x%llx-0x%llx (or an RMR range, nested) that walks to 0x%llx (walk: %s, "
			 "fault at stage %d, IPA 0x%llx, PA 0x%llx)",
			 label, rid, c->sid, (unsigned long long)addr,
			 (unsigned long long)SMMUV3_MSI_WINDOW_BASE,
			 (unsigned long long)(SMMUV3_MSI_WINDOW_BASE + SMMUV3_MSI_WINDOW_SIZE - 1),
			 (unsigned long long)db, errno_name(err), w.fault,
			 (unsigned long long)w.ipa, (unsigned long long)w.pa);
}

void itstest_cpu_write_translater(uint32_t value)
{
	struct gic_its_domain *d = gic_its_domain_state();
	if (!d)
		return;
	arch_wmb();
	*(volatile uint32_t *)(uintptr_t)gic_its_translater(d->its) = value;
	arch_mb();
}

static unsigned itstest_msi_data_off(const struct edu_dev *e)
{
	struct pci_msi_info mi;
	if (pci_msi_info(e->pci, &mi))
		return 0;
	return mi.offset + (mi.addr64 ? 0x0c : 0x08);
}

void itstest_edu_msi_data(const struct edu_dev *e, uint16_t data)
{
	unsigned off = itstest_msi_data_off(e);
	if (off)
		pci_write16(e->pci, off, data);
}

uint16_t itstest_edu_msi_data_get(const struct edu_dev *e)
{
	unsigned off = itstest_msi_data_off(e);
	return off ? pci_read16(e->pci, off) : 0;
}
