/* SPDX-License-Identifier: MIT */
/*
 * PCI-MSI bus level: the capability's address/data, Multiple Message Enable
 * and per-vector mask bits (PCI Local Bus 3.0 §6.8.1, PCIe 6.0 §7.7.1).
 */
#include "drivers/pci/pci_msi.h"

#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"

static unsigned pci_msi_off_data(const struct pci_msi_domain *md)
{
	return md->cap.offset + (md->cap.addr64 ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32);
}

static unsigned pci_msi_off_mask(const struct pci_msi_domain *md)
{
	return md->cap.offset + (md->cap.addr64 ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32);
}

static unsigned pci_msi_off_pending(const struct pci_msi_domain *md)
{
	return md->cap.offset + (md->cap.addr64 ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32);
}

static uint16_t pci_msi_flags(const struct pci_msi_domain *md)
{
	return pci_read16(md->dev, md->cap.offset + PCI_MSI_FLAGS);
}

static void pci_msi_set_flags(const struct pci_msi_domain *md, uint16_t v)
{
	pci_write16(md->dev, md->cap.offset + PCI_MSI_FLAGS, v);
}

static void pci_msi_disable(const struct pci_msi_domain *md)
{
	uint16_t flags = pci_msi_flags(md);
	if (flags & (PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE))
		pci_msi_set_flags(md, flags & ~(PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE));
}

static unsigned pci_msi_log2(uint32_t n)
{
	unsigned l = 0;
	while ((1u << l) < n)
		l++;
	return l;
}

/* The capability can hold it: 32-bit layout has no upper address, data is 16 bits. */
static bool pci_msi_storable(const struct pci_msi_domain *md, const struct msi_msg *msg)
{
	return (md->cap.addr64 || msg->address_hi == 0) && msg->data <= 0xffffu;
}

/*
 * Vector i is what the function sends for it: vector 0's address, and its
 * data with the vector number in the low log2(nvec) bits (§6.8.1.6).
 */
static bool pci_msi_group_consistent(const struct pci_msi_domain *md)
{
	uint32_t base = md->msg[0].data & ~(md->nvec - 1);
	for (uint32_t i = 1; i < md->nvec; i++) {
		if (!(md->written & (1u << i)))
			continue;
		if (md->msg[i].address_lo != md->msg[0].address_lo ||
		    md->msg[i].address_hi != md->msg[0].address_hi || md->msg[i].data != (base | i))
			return false;
	}
	return true;
}

/*
 * Store vector 0's message with MSI disabled around the rewrite (the
 * function must never send a half-written address/data pair), then enable
 * with Multiple Message Enable = log2(nvec).
 */
static void pci_msi_program(struct pci_msi_domain *md)
{
	const struct msi_msg *msg = &md->msg[0];
	pci_msi_disable(md);
	if (!(md->active & 1) || !(md->written & 1))
		return;
	if (!pci_msi_storable(md, msg) || !pci_msi_group_consistent(md)) {
		md->rejected++;
		return;
	}
	pci_write32(md->dev, md->cap.offset + PCI_MSI_ADDRESS_LO, msg->address_lo);
	if (md->cap.addr64)
		pci_write32(md->dev, md->cap.offset + PCI_MSI_ADDRESS_HI, msg->address_hi);
	pci_write16(md->dev, pci_msi_off_data(md), (uint16_t)msg->data);
	uint16_t flags = pci_msi_flags(md) & ~PCI_MSI_FLAGS_QSIZE;
	flags |= (uint16_t)(pci_msi_log2(md->nvec) << 4) | PCI_MSI_FLAGS_ENABLE;
	pci_msi_set_flags(md, flags);
}

static int pci_msi_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			 const struct irq_alloc_info *info)
{
	struct pci_msi_domain *md = d->priv;
	if (info->dev != md->dev || info->index.v != 0)
		return -EINVAL;
	if (md->nvec)
		return -EBUSY; /* one group per capability */
	/* Multiple Message Enable encodes powers of two only (§6.8.1.3). */
	if (nr & (nr - 1))
		return -EINVAL;
	if (nr > md->cap.max_vectors)
		return -ENOSPC; /* fewer vectors than asked, as Linux answers */

	int err = irq_domain_alloc_parent(d, virq, nr, info);
	if (err)
		return err; /* the device was not touched */

	md->nvec = nr;
	md->active = 0;
	md->written = 0;
	memset(md->msg, 0, sizeof(md->msg));
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		data->hwirq = HWIRQ(i);
		data->chip_data = md;
	}
	if (md->cap.per_vector_mask) {
		/* Interrupts start masked (irq.h): set the group's bits. */
		md->mask_saved = pci_read32(md->dev, pci_msi_off_mask(md));
		uint32_t bits = nr == 32 ? 0xffffffffu : (1u << nr) - 1;
		pci_write32(md->dev, pci_msi_off_mask(md), md->mask_saved | bits);
	}
	return 0;
}

static void pci_msi_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct pci_msi_domain *md = d->priv;
	pci_msi_disable(md);
	if (md->cap.per_vector_mask)
		pci_write32(md->dev, pci_msi_off_mask(md), md->mask_saved);
	md->nvec = 0;
	md->active = 0;
	md->written = 0;
}

static int pci_msi_activate(struct irq_data *data)
{
	struct pci_msi_domain *md = data->chip_data;
	md->active |= 1u << data->hwirq.v;
	return 0;
}

static void pci_msi_deactivate(struct irq_data *data)
{
	struct pci_msi_domain *md = data->chip_data;
	uint32_t bit = 1u << data->hwirq.v;
	md->active &= ~bit;
	md->written &= ~bit;
	if (data->hwirq.v == 0)
		pci_msi_disable(md);
}

/*
 * Vector 0's message is the one the capability holds; any other vector only
 * changes whether the group is consistent, so the capability is reprogrammed
 * (or left disabled) once vector 0 is live.
 */
static int pci_msi_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	struct pci_msi_domain *md = data->chip_data;
	uint32_t i = data->hwirq.v;
	md->msg[i] = *msg;
	md->written |= 1u << i;
	if (i == 0 || ((md->active & 1) && (md->written & 1)))
		pci_msi_program(md);
	return 0;
}

static void pci_msi_mask_set(struct irq_data *data, bool mask)
{
	struct pci_msi_domain *md = data->chip_data;
	uint32_t v = pci_read32(md->dev, pci_msi_off_mask(md));
	uint32_t bit = 1u << data->hwirq.v;
	pci_write32(md->dev, pci_msi_off_mask(md), mask ? v | bit : v & ~bit);
}

static void pci_msi_mask(struct irq_data *data)
{
	pci_msi_mask_set(data, true);
}

static void pci_msi_unmask(struct irq_data *data)
{
	pci_msi_mask_set(data, false);
}

static int pci_msi_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct pci_msi_domain *md = data->chip_data;
	return snprintf(buf, size, "msi %02x:%02x.%x vector %u", md->dev->addr.bus,
			md->dev->addr.dev, md->dev->addr.fn, data->hwirq.v);
}

const struct irq_domain_ops pci_msi_domain_ops = {
	.alloc = pci_msi_alloc,
	.free = pci_msi_free,
	.activate = pci_msi_activate,
	.deactivate = pci_msi_deactivate,
	.write_msg = pci_msi_write_msg,
	.mask = pci_msi_mask,
	.unmask = pci_msi_unmask,
	.show = pci_msi_show,
};

const struct irq_domain_ops pci_msi_nomask_domain_ops = {
	.alloc = pci_msi_alloc,
	.free = pci_msi_free,
	.activate = pci_msi_activate,
	.deactivate = pci_msi_deactivate,
	.write_msg = pci_msi_write_msg,
	.show = pci_msi_show,
};

int pci_msi_domain_create(struct pci_msi_domain *md, struct irq_domain *parent,
			  const struct pci_dev *dev)
{
	if (!md || !dev)
		return -EINVAL;
	memset(md, 0, sizeof(*md));
	md->dev = dev;
	int err = pci_msi_info(dev, &md->cap);
	if (err)
		return err;
	snprintf(md->name, sizeof(md->name), "pci-msi-%02x:%02x.%x", dev->addr.bus, dev->addr.dev,
		 dev->addr.fn);
	pci_msi_disable(md);
	struct irq_domain_info info = {
		.name = md->name,
		.kind = IRQ_DOMAIN_KIND_BUS,
		.parent = parent,
		.ops = md->cap.per_vector_mask ? &pci_msi_domain_ops : &pci_msi_nomask_domain_ops,
		.priv = md,
	};
	return irq_domain_create(&md->domain, &info);
}

int pci_msi_domain_remove(struct pci_msi_domain *md)
{
	return md ? irq_domain_remove(&md->domain) : -EINVAL;
}

void pci_msi_read_state(const struct pci_msi_domain *md, struct pci_msi_state *out)
{
	memset(out, 0, sizeof(*out));
	uint16_t flags = pci_msi_flags(md);
	out->enabled = flags & PCI_MSI_FLAGS_ENABLE;
	out->mme_log2 = (flags & PCI_MSI_FLAGS_QSIZE) >> 4;
	out->msg.address_lo = pci_read32(md->dev, md->cap.offset + PCI_MSI_ADDRESS_LO);
	if (md->cap.addr64)
		out->msg.address_hi = pci_read32(md->dev, md->cap.offset + PCI_MSI_ADDRESS_HI);
	out->msg.data = pci_read16(md->dev, pci_msi_off_data(md));
	if (md->cap.per_vector_mask) {
		out->mask = pci_read32(md->dev, pci_msi_off_mask(md));
		out->pending = pci_read32(md->dev, pci_msi_off_pending(md));
	}
}

uint32_t pci_msi_msg_rejected(const struct pci_msi_domain *md)
{
	return md->rejected;
}
