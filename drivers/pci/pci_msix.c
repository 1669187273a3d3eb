/* SPDX-License-Identifier: MIT */
/*
 * PCI-MSI-X bus level: table entries, Vector Control masks, Function Mask
 * and MSI-X Enable (PCI Local Bus 3.0 §6.8.2, PCIe 6.0 §6.1.4 and §7.7.2).
 */
#include "drivers/pci/pci_msix.h"

#include <stdio.h>
#include <string.h>

#include "drivers/pci/pci_mmio.h"
#include "kernel/errno.h"

static bool pci_msix_test(const uint64_t *map, uint32_t entry)
{
	return (map[entry / 64] >> (entry % 64)) & 1;
}

static void pci_msix_assign(uint64_t *map, uint32_t entry, bool on)
{
	if (on)
		map[entry / 64] |= 1ull << (entry % 64);
	else
		map[entry / 64] &= ~(1ull << (entry % 64));
}

static uint64_t pci_msix_entry_phys(const struct pci_msix_domain *mx, uint32_t entry)
{
	return mx->cap.table_phys + (uint64_t)entry * PCI_MSIX_ENTRY_SIZE;
}

uint16_t pci_msix_control(const struct pci_msix_domain *mx)
{
	return pci_read16(mx->dev, mx->cap.offset + PCI_MSIX_FLAGS);
}

static void pci_msix_set_control(const struct pci_msix_domain *mx, uint16_t set, uint16_t clear)
{
	uint16_t v = pci_msix_control(mx);
	pci_write16(mx->dev, mx->cap.offset + PCI_MSIX_FLAGS, (uint16_t)((v | set) & ~clear));
}

/* Vector Control bit 0; bits 31:1 are preserved. Read back: the write is posted. */
static void pci_msix_hw_mask(const struct pci_msix_domain *mx, uint32_t entry, bool mask)
{
	uint64_t ctrl = pci_msix_entry_phys(mx, entry) + PCI_MSIX_ENTRY_VECTOR_CTRL;
	uint32_t v = pci_mmio_read32(ctrl);
	uint32_t want = mask ? v | PCI_MSIX_ENTRY_CTRL_MASKBIT : v & ~PCI_MSIX_ENTRY_CTRL_MASKBIT;
	if (want != v) {
		pci_mmio_write32(ctrl, want);
		(void)pci_mmio_read32(ctrl);
	}
}

static void pci_msix_hw_write(const struct pci_msix_domain *mx, uint32_t entry,
			      const struct msi_msg *msg)
{
	uint64_t e = pci_msix_entry_phys(mx, entry);
	pci_mmio_write32(e + PCI_MSIX_ENTRY_ADDR_LO, msg->address_lo);
	pci_mmio_write32(e + PCI_MSIX_ENTRY_ADDR_HI, msg->address_hi);
	pci_mmio_write32(e + PCI_MSIX_ENTRY_DATA, msg->data);
}

/* Unmasked in the device only when live and asked for. */
static void pci_msix_sync_mask(const struct pci_msix_domain *mx, uint32_t entry)
{
	pci_msix_hw_mask(mx, entry,
			 !(pci_msix_test(mx->live, entry) && pci_msix_test(mx->unmasked, entry)));
}

static void pci_msix_disable(const struct pci_msix_domain *mx)
{
	pci_msix_set_control(mx, 0, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
}

static int pci_msix_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			  const struct irq_alloc_info *info)
{
	struct pci_msix_domain *mx = d->priv;
	uint32_t first = info->index.v;
	if (info->dev != mx->dev)
		return -EINVAL;
	int err = irq_idalloc_alloc_at(&mx->entries, first, nr); /* -EINVAL, -EBUSY */
	if (err)
		return err;
	err = irq_domain_alloc_parent(d, virq, nr, info);
	if (err) {
		irq_idalloc_free_range(&mx->entries, first, nr);
		return err; /* the table was not touched */
	}

	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		uint32_t entry = first + i;
		data->hwirq = HWIRQ(entry);
		data->chip_data = mx;
		pci_msix_assign(mx->live, entry, false);
		pci_msix_assign(mx->unmasked, entry, false);
		pci_msix_hw_mask(mx, entry, true); /* interrupts start masked (irq.h) */
	}
	return 0;
}

static void pci_msix_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct pci_msix_domain *mx = d->priv;
	static const struct msi_msg zero;
	for (uint32_t i = 0; i < nr; i++) {
		uint32_t entry = irq_domain_get_data(d, VIRQ(virq.v + i))->hwirq.v;
		irq_idalloc_free(&mx->entries, entry);
		pci_msix_assign(mx->live, entry, false);
		pci_msix_assign(mx->unmasked, entry, false);
		pci_msix_hw_mask(mx, entry, true);
		pci_msix_hw_write(mx, entry, &zero);
	}
	if (mx->entries.used == 0)
		pci_msix_disable(mx);
}

/*
 * The first active entry enables MSI-X: Enable with Function Mask set, then
 * Function Mask cleared; every entry is individually masked until it holds
 * a message, so nothing is sent in between (Linux msix_capability_init).
 */
static int pci_msix_activate(struct irq_data *data)
{
	struct pci_msix_domain *mx = data->chip_data;
	if (mx->active_count++ == 0) {
		pci_msix_set_control(mx, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL, 0);
		pci_msix_set_control(mx, 0, PCI_MSIX_FLAGS_MASKALL);
	}
	return 0;
}

static void pci_msix_deactivate(struct irq_data *data)
{
	struct pci_msix_domain *mx = data->chip_data;
	uint32_t entry = data->hwirq.v;
	pci_msix_assign(mx->live, entry, false);
	pci_msix_hw_mask(mx, entry, true);
	if (--mx->active_count == 0)
		pci_msix_disable(mx);
}

/*
 * Software must not modify an unmasked entry's address or data (PCI Local
 * Bus 3.0 §6.8.2.9): mask, rewrite, then unmask if the core wants it so.
 */
static int pci_msix_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	struct pci_msix_domain *mx = data->chip_data;
	uint32_t entry = data->hwirq.v;
	pci_msix_hw_mask(mx, entry, true);
	pci_msix_hw_write(mx, entry, msg);
	pci_msix_assign(mx->live, entry, true);
	pci_msix_sync_mask(mx, entry);
	return 0;
}

static void pci_msix_mask(struct irq_data *data)
{
	struct pci_msix_domain *mx = data->chip_data;
	pci_msix_assign(mx->unmasked, data->hwirq.v, false);
	pci_msix_sync_mask(mx, data->hwirq.v);
}

static void pci_msix_unmask(struct irq_data *data)
{
	struct pci_msix_domain *mx = data->chip_data;
	pci_msix_assign(mx->unmasked, data->hwirq.v, true);
	pci_msix_sync_mask(mx, data->hwirq.v);
}

static int pci_msix_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct pci_msix_domain *mx = data->chip_data;
	return snprintf(buf, size, "msix %02x:%02x.%x entry %u", mx->dev->addr.bus,
			mx->dev->addr.dev, mx->dev->addr.fn, data->hwirq.v);
}

const struct irq_domain_ops pci_msix_domain_ops = {
	.alloc = pci_msix_alloc,
	.free = pci_msix_free,
	.activate = pci_msix_activate,
	.deactivate = pci_msix_deactivate,
	.write_msg = pci_msix_write_msg,
	.mask = pci_msix_mask,
	.unmask = pci_msix_unmask,
	.show = pci_msix_show,
};

int pci_msix_domain_create(struct pci_msix_domain *mx, struct irq_domain *parent,
			   const struct pci_dev *dev)
{
	if (!mx || !dev)
		return -EINVAL;
	memset(mx, 0, sizeof(*mx));
	mx->dev = dev;
	int err = pci_msix_info(dev, &mx->cap);
	if (err)
		return err;
	if (!mx->cap.table_phys || !mx->cap.pba_phys || mx->cap.table_size > PCI_MSIX_MAX_ENTRIES)
		return -ENODEV;
	irq_idalloc_init(&mx->entries, mx->entry_map, 0, mx->cap.table_size);
	snprintf(mx->name, sizeof(mx->name), "pci-msix-%02x:%02x.%x", dev->addr.bus, dev->addr.dev,
		 dev->addr.fn);
	pci_command_update(dev, PCI_COMMAND_MEMORY, 0);
	pci_msix_disable(mx);
	struct irq_domain_info info = {
		.name = mx->name,
		.kind = "bus",
		.parent = parent,
		.ops = &pci_msix_domain_ops,
		.priv = mx,
	};
	return irq_domain_create(&mx->domain, &info);
}

int pci_msix_domain_remove(struct pci_msix_domain *mx)
{
	return mx ? irq_domain_remove(&mx->domain) : -EINVAL;
}

int pci_msix_read_entry(const struct pci_msix_domain *mx, uint32_t entry,
			struct pci_msix_entry *out)
{
	memset(out, 0, sizeof(*out));
	if (entry >= mx->cap.table_size)
		return -EINVAL;
	uint64_t e = pci_msix_entry_phys(mx, entry);
	out->msg.address_lo = pci_mmio_read32(e + PCI_MSIX_ENTRY_ADDR_LO);
	out->msg.address_hi = pci_mmio_read32(e + PCI_MSIX_ENTRY_ADDR_HI);
	out->msg.data = pci_mmio_read32(e + PCI_MSIX_ENTRY_DATA);
	out->vector_ctrl = pci_mmio_read32(e + PCI_MSIX_ENTRY_VECTOR_CTRL);
	out->masked = out->vector_ctrl & PCI_MSIX_ENTRY_CTRL_MASKBIT;
	/* PBA: one bit per entry in QWORDs, readable as DWORDs (PCIe 6.0 §7.7.2.10). */
	uint32_t pba = pci_mmio_read32(mx->cap.pba_phys + (entry / 32) * 4);
	out->pending = (pba >> (entry % 32)) & 1;
	return 0;
}
