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

static void pci_msix_disable(const struct pci_msix_domain *mx)
{
	pci_msix_set_control(mx, 0, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
}

/*
 * The entries as storage of the message-storage level (irq_msi_store.h),
 * which keeps which entry is used, live and unmasked.
 */
static int pci_msix_slot_write(void *dev, uint32_t entry, const struct msi_msg *msg)
{
	pci_msix_hw_write(dev, entry, msg);
	return 0;
}

static int pci_msix_slot_mask(void *dev, uint32_t entry)
{
	pci_msix_hw_mask(dev, entry, true);
	return 0;
}

static int pci_msix_slot_unmask(void *dev, uint32_t entry)
{
	pci_msix_hw_mask(dev, entry, false);
	return 0;
}

/*
 * The first active entry enables MSI-X: Enable with Function Mask set, then
 * Function Mask cleared; every entry is individually masked until it holds
 * a message, so nothing is sent in between (Linux msix_capability_init).
 */
static void pci_msix_enable(void *dev)
{
	const struct pci_msix_domain *mx = dev;
	pci_msix_set_control(mx, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL, 0);
	pci_msix_set_control(mx, 0, PCI_MSIX_FLAGS_MASKALL);
}

static void pci_msix_disable_dev(void *dev)
{
	pci_msix_disable(dev);
}

/* A freed entry holds no message (it is masked already). */
static void pci_msix_release(void *dev, uint32_t entry)
{
	static const struct msi_msg zero;
	pci_msix_hw_write(dev, entry, &zero);
}

static int pci_msix_show(void *dev, uint32_t entry, bool open, char *buf, size_t size)
{
	const struct pci_msix_domain *mx = dev;
	return snprintf(buf, size, "msix %02x:%02x.%x entry %u", mx->dev->addr.bus,
			mx->dev->addr.dev, mx->dev->addr.fn, entry);
}

static const struct irq_msi_slot_ops pci_msix_slot_ops = {
	.write_msg = pci_msix_slot_write,
	.mask = pci_msix_slot_mask,
	.unmask = pci_msix_slot_unmask,
	.enable = pci_msix_enable,
	.disable = pci_msix_disable_dev,
	.release = pci_msix_release,
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
	snprintf(mx->name, sizeof(mx->name), "pci-msix-%02x:%02x.%x", dev->addr.bus, dev->addr.dev,
		 dev->addr.fn);
	pci_command_update(dev, PCI_COMMAND_MEMORY, 0);
	pci_msix_disable(mx);
	struct irq_msi_store_info info = {
		.name = mx->name,
		.dev = mx,
		.owner = dev,
		.slot_count = mx->cap.table_size,
		.ops = &pci_msix_slot_ops,
		.mask_to_write = true, /* PCI Local Bus 3.0 §6.8.2.9 */
	};
	return irq_msi_store_create(&mx->store, &mx->domain, parent, &info);
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
