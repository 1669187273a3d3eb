/* SPDX-License-Identifier: MIT */
#include "tests/guest/irqtest_dev.h"

#include <string.h>

#include "arch/hooks.h"
#include "drivers/pci/pci_regs.h"
#include "kernel/errno.h"
#include "kernel/msi_parent.h"

bool irqtest_msi_open(struct dtest_ctx *t, struct irqtest_msi *s, unsigned cpu)
{
	memset(s, 0, sizeof(*s));
	int err = edu_probe(&s->edu, 0);
	if (!DT_EXPECT(t, err == 0, "edu probe: %s", errno_name(err)))
		return false;
	struct msi_dev msi;
	if (msi_dev_prepare(&msi, s->edu.pci)) {
		dtest_skip(t, "%s", msi.absent_reason);
		return false;
	}
	struct irq_domain *parent = msi.parent;
	err = pci_msi_domain_create(&s->md, parent, s->edu.pci);
	if (!DT_EXPECT(t, err == 0, "PCI-MSI domain on %s: %s", parent->name, errno_name(err)))
		return false;
	s->have_domain = true;
	struct irq_alloc_info info = {.cpu = IRQ_CPU(cpu), .dev = s->edu.pci, .ids = msi.ids};
	err = irq_alloc(&s->md.domain, 1, &info, &s->virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc: %s", errno_name(err)))
		return false;
	irq_set_handler(s->virq, irqtest_handler, &s->counter);
	err = irq_activate(s->virq);
	if (!DT_EXPECT(t, err == 0, "irq_activate: %s", errno_name(err)))
		return false;
	/* edu has no per-vector masking (hw/misc/edu.c): -EOPNOTSUPP is its answer. */
	err = irq_unmask(s->virq);
	return DT_EXPECT(t, err == 0 || err == -EOPNOTSUPP, "irq_unmask: %s", errno_name(err));
}

void irqtest_msi_close(struct irqtest_msi *s)
{
	if (virq_valid(s->virq))
		irq_free(s->virq, 1);
	s->virq = VIRQ_NONE;
	if (s->have_domain)
		pci_msi_domain_remove(&s->md);
	s->have_domain = false;
	edu_release(&s->edu);
}

bool irqtest_msi_fire(struct irqtest_msi *s, uint64_t want)
{
	edu_raise(&s->edu, 1);
	return irqtest_wait(&s->counter, want, IRQTEST_WAIT_US);
}

void irqtest_msi_cap_write(const struct pci_dev *d, const struct pci_msi_info *cap,
			   const struct msi_msg *msg)
{
	pci_write32(d, cap->offset + PCI_MSI_ADDRESS_LO, msg->address_lo);
	if (cap->addr64) {
		pci_write32(d, cap->offset + PCI_MSI_ADDRESS_HI, msg->address_hi);
		pci_write16(d, cap->offset + PCI_MSI_DATA_64, (uint16_t)msg->data);
	} else {
		pci_write16(d, cap->offset + PCI_MSI_DATA_32, (uint16_t)msg->data);
	}
}

uint32_t irqtest_msi_lockstep(struct dtest_ctx *t, struct irqtest_msi *s, unsigned cpu,
			      uint32_t count, const char *label, uint64_t *ticks, bool *ok)
{
	*ticks = 0;
	int err = irq_set_affinity(s->virq, IRQ_CPU(cpu));
	*ok = DT_EXPECT(t, err == 0, "irq_set_affinity to CPU %u: %s", cpu, errno_name(err));
	if (!*ok)
		return 0;
	struct irqtest_snap before;
	irqtest_snap(&before, s->virq);
	uint64_t base = irqtest_hits(&s->counter);
	uint64_t t0 = arch_counter_read();
	uint32_t k;
	for (k = 1; k <= count; k++)
		if (!irqtest_msi_fire(s, base + k))
			break;
	*ticks = arch_counter_read() - t0;
	if (k <= count)
		dtest_diag(t, "CPU %u: interrupt %u of %u never came", cpu, k, count);
	*ok = irqtest_expect_delta(t, label, s->virq, &before, cpu, count);
	return k - 1;
}

/* --- the MSI-X test device ------------------------------------------------ */

int irqtest_msix_dev_probe(struct irqtest_msix_dev *d)
{
	memset(d, 0, sizeof(*d));
	int err;
	if (pci_find(PCI_VENDOR_INTEL, PCI_DEVICE_IGB, 0)) {
		d->kind = IRQTEST_MSIX_IGB;
		err = igb_probe(&d->igb, 0);
		d->pci = err ? 0 : d->igb.pci;
	} else {
		d->kind = IRQTEST_MSIX_E1000E;
		err = e1000e_probe(&d->e1000e, 0);
		d->pci = err ? 0 : d->e1000e.pci;
	}
	return err;
}

const char *irqtest_msix_dev_name(const struct irqtest_msix_dev *d)
{
	return d->kind == IRQTEST_MSIX_IGB ? "igb" : "e1000e";
}

unsigned irqtest_msix_dev_entries(const struct irqtest_msix_dev *d)
{
	return d->kind == IRQTEST_MSIX_IGB ? IGB_MSIX_VECTORS : E1000E_MSIX_VECTORS;
}

void irqtest_msix_dev_route(struct irqtest_msix_dev *d)
{
	if (d->kind == IRQTEST_MSIX_IGB)
		(void)igb_msix_route(&d->igb, IGB_MSIX_VECTORS); /* cannot fail: a valid count */
	else
		e1000e_msix_route(&d->e1000e);
}

void irqtest_msix_dev_raise(const struct irqtest_msix_dev *d, unsigned entry)
{
	if (d->kind == IRQTEST_MSIX_IGB)
		igb_raise(&d->igb, entry);
	else
		e1000e_raise(&d->e1000e, entry);
}

unsigned irqtest_msix_dev_gap_us(const struct irqtest_msix_dev *d)
{
	return d->kind == IRQTEST_MSIX_IGB ? 0 : E1000E_RAISE_GAP_US;
}

bool irqtest_msix_dev_exact(const struct irqtest_msix_dev *d)
{
	return d->kind == IRQTEST_MSIX_IGB;
}

void irqtest_msix_dev_quiesce(struct irqtest_msix_dev *d)
{
	if (d->pci && d->kind == IRQTEST_MSIX_E1000E)
		e1000e_quiesce(&d->e1000e);
}

void irqtest_msix_dev_release(struct irqtest_msix_dev *d)
{
	if (!d->pci)
		return;
	if (d->kind == IRQTEST_MSIX_IGB)
		igb_release(&d->igb);
	else
		e1000e_release(&d->e1000e);
	d->pci = 0;
}

/* --- MSI-X sessions ------------------------------------------------------- */

bool irqtest_msix_open(struct dtest_ctx *t, struct irqtest_msix *s, unsigned nr, unsigned cpu,
		       bool unmask)
{
	memset(s, 0, sizeof(*s));
	int err = irqtest_msix_dev_probe(&s->dev);
	if (!DT_EXPECT(t, err == 0, "%s probe: %s", irqtest_msix_dev_name(&s->dev),
		       errno_name(err)))
		return false;
	struct msi_dev msi;
	if (msi_dev_prepare(&msi, s->dev.pci)) {
		dtest_skip(t, "%s", msi.absent_reason);
		return false;
	}
	struct irq_domain *parent = msi.parent;
	if (!DT_EXPECT(t, nr <= irqtest_msix_dev_entries(&s->dev) && nr <= IRQTEST_MSIX_MAX,
		       "%u entries asked of %s", nr, irqtest_msix_dev_name(&s->dev)))
		return false;
	err = pci_msix_domain_create(&s->mx, parent, s->dev.pci);
	if (!DT_EXPECT(t, err == 0, "PCI-MSI-X domain on %s: %s", parent->name, errno_name(err)))
		return false;
	s->have_domain = true;
	struct irq_alloc_info info = {
		.cpu = IRQ_CPU(cpu), .dev = s->dev.pci, .ids = msi.ids, .index = HWIRQ(0)};
	err = irq_alloc(&s->mx.domain, nr, &info, &s->virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc of %u entries: %s", nr, errno_name(err)))
		return false;
	s->nr = nr;
	for (unsigned i = 0; i < nr; i++) {
		virq_t v = VIRQ(s->virq.v + i);
		irq_set_handler(v, irqtest_handler, &s->counter[i]);
		err = irq_activate(v);
		if (!DT_EXPECT(t, err == 0, "irq_activate entry %u: %s", i, errno_name(err)))
			return false;
		if (unmask) {
			err = irq_unmask(v);
			if (!DT_EXPECT(t, err == 0, "irq_unmask entry %u: %s", i, errno_name(err)))
				return false;
		}
	}
	irqtest_msix_dev_route(&s->dev);
	return true;
}

void irqtest_msix_close(struct irqtest_msix *s)
{
	/* The table is in a BAR: free while memory decode is still on, then put the device back. */
	irqtest_msix_dev_quiesce(&s->dev);
	if (s->nr)
		irq_free(s->virq, s->nr);
	s->nr = 0;
	if (s->have_domain)
		pci_msix_domain_remove(&s->mx);
	s->have_domain = false;
	irqtest_msix_dev_release(&s->dev);
}
