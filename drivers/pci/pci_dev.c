/* SPDX-License-Identifier: MIT */
/*
 * Access to a found function: its config space, command register and the
 * MSI / MSI-X capability summaries. Kept apart from enumeration so the bus
 * interrupt domains link on the host against a fake config space.
 */
#include <string.h>

#include "drivers/pci/pci.h"
#include "kernel/errno.h"

/* --- config access of a found function --------------------------------- */

uint8_t pci_read8(const struct pci_dev *d, unsigned off)
{
	return pci_cfg_read8(d->addr, off);
}

uint16_t pci_read16(const struct pci_dev *d, unsigned off)
{
	return pci_cfg_read16(d->addr, off);
}

uint32_t pci_read32(const struct pci_dev *d, unsigned off)
{
	return pci_cfg_read32(d->addr, off);
}

void pci_write16(const struct pci_dev *d, unsigned off, uint16_t v)
{
	pci_cfg_write16(d->addr, off, v);
}

void pci_write32(const struct pci_dev *d, unsigned off, uint32_t v)
{
	pci_cfg_write32(d->addr, off, v);
}

uint16_t pci_dev_rid(const struct pci_dev *d)
{
	return pci_addr_rid(d->addr);
}

uint16_t pci_command_update(const struct pci_dev *d, uint16_t set, uint16_t clear)
{
	uint16_t old = pci_read16(d, PCI_COMMAND);
	uint16_t v = (uint16_t)((old | set) & ~clear);
	if (v != old)
		pci_write16(d, PCI_COMMAND, v);
	return old;
}

struct pci_dev *pci_dev_open_mmio(uint16_t vendor, uint16_t device, unsigned instance,
				  uint64_t *regs, uint16_t *cmd_saved)
{
	struct pci_dev *d = pci_find(vendor, device, instance);
	if (!d)
		return NULL;
	const struct pci_bar *b = &d->bar[0];
	if ((b->type != PCI_BAR_MEM32 && b->type != PCI_BAR_MEM64) || !b->assigned)
		return NULL;
	*regs = b->base;
	*cmd_saved = pci_command_update(d, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, 0);
	return d;
}

int pci_msi_info(const struct pci_dev *d, struct pci_msi_info *out)
{
	memset(out, 0, sizeof(*out));
	if (!d->msi_cap)
		return -ENODEV;
	uint16_t flags = pci_read16(d, d->msi_cap + PCI_MSI_FLAGS);
	out->offset = d->msi_cap;
	out->addr64 = flags & PCI_MSI_FLAGS_64BIT;
	out->per_vector_mask = flags & PCI_MSI_FLAGS_MASKBIT;
	unsigned log2 = (flags & PCI_MSI_FLAGS_QMASK) >> 1;
	out->max_vectors = 1u << (log2 > 5 ? 5 : log2); /* 110b and 111b are reserved */
	return 0;
}

static uint64_t pci_dev_bar_phys(const struct pci_dev *d, uint8_t bir, uint32_t offset)
{
	if (bir >= d->bar_count)
		return 0;
	const struct pci_bar *b = &d->bar[bir];
	if ((b->type != PCI_BAR_MEM32 && b->type != PCI_BAR_MEM64) || !b->assigned)
		return 0;
	return b->base + offset;
}

int pci_msix_info(const struct pci_dev *d, struct pci_msix_info *out)
{
	memset(out, 0, sizeof(*out));
	if (!d->msix_cap)
		return -ENODEV;
	uint16_t flags = pci_read16(d, d->msix_cap + PCI_MSIX_FLAGS);
	uint32_t table = pci_read32(d, d->msix_cap + PCI_MSIX_TABLE);
	uint32_t pba = pci_read32(d, d->msix_cap + PCI_MSIX_PBA);
	out->offset = d->msix_cap;
	out->table_size = (flags & PCI_MSIX_FLAGS_QSIZE) + 1;
	out->table_bir = table & PCI_MSIX_BIR_MASK;
	out->table_offset = table & ~PCI_MSIX_BIR_MASK;
	out->pba_bir = pba & PCI_MSIX_BIR_MASK;
	out->pba_offset = pba & ~PCI_MSIX_BIR_MASK;
	out->table_phys = pci_dev_bar_phys(d, out->table_bir, out->table_offset);
	out->pba_phys = pci_dev_bar_phys(d, out->pba_bir, out->pba_offset);
	return 0;
}
