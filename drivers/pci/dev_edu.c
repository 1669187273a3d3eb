/* SPDX-License-Identifier: MIT */
#include "drivers/pci/dev_edu.h"

#include <string.h>

#include "drivers/pci/pci_mmio.h"
#include "kernel/errno.h"

int edu_probe(struct edu_dev *e, unsigned instance)
{
	memset(e, 0, sizeof(*e));
	struct pci_dev *d = pci_find(PCI_VENDOR_QEMU, PCI_DEVICE_EDU, instance);
	if (!d)
		return -ENODEV;
	const struct pci_bar *b = &d->bar[0];
	if ((b->type != PCI_BAR_MEM32 && b->type != PCI_BAR_MEM64) || !b->assigned)
		return -ENODEV;
	e->pci = d;
	e->regs = b->base;
	e->cmd_saved = pci_command_update(d, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, 0);
	if ((pci_mmio_read32(e->regs + EDU_REG_ID) & 0xff) != EDU_ID_MAGIC) {
		edu_release(e);
		return -EIO;
	}
	return 0;
}

void edu_release(struct edu_dev *e)
{
	if (!e->pci)
		return;
	pci_write16(e->pci, PCI_COMMAND, e->cmd_saved);
	e->pci = 0;
}

void edu_raise(const struct edu_dev *e, uint32_t bits)
{
	pci_mmio_write32(e->regs + EDU_REG_IRQ_RAISE, bits);
}

void edu_ack(const struct edu_dev *e, uint32_t bits)
{
	pci_mmio_write32(e->regs + EDU_REG_IRQ_ACK, bits);
}

uint32_t edu_irq_status(const struct edu_dev *e)
{
	return pci_mmio_read32(e->regs + EDU_REG_IRQ_STATUS);
}
