/* SPDX-License-Identifier: MIT */
#include "tests/guest/itstest.h"

#include <string.h>

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/time.h"

struct gic_its_domain *itstest_domain(struct dtest_ctx *t)
{
	struct gic_its_domain *d = gic_its_domain_state();
	if (!d)
		dtest_skip(t, "the ITS is off: %s", gic_its_off_reason());
	return d;
}

bool itstest_probe_open(struct dtest_ctx *t, struct itstest_probe *p, uint32_t rid, unsigned cpu)
{
	memset(p, 0, sizeof(*p));
	struct gic_its_domain *d = gic_its_domain_state();
	struct irq_alloc_info info = {.cpu = IRQ_CPU(cpu), .dev_id = rid};
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

int itstest_edu_dma_write32(const struct edu_dev *e, uint64_t phys, uint32_t value)
{
	paddr_t page = page_alloc(1);
	if (!page)
		return -ENOMEM;
	*(volatile uint32_t *)(uintptr_t)page = value;
	arch_dcache_clean((const void *)(uintptr_t)page, 4);
	arch_wmb();
	int err = edu_dma_from_ram(e, page, 0, 4, ITSTEST_DMA_US);
	if (!err)
		err = edu_dma_to_ram(e, 0, phys, 4, ITSTEST_DMA_US);
	page_free(page, 1);
	return err;
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
