/* SPDX-License-Identifier: MIT */
#include "drivers/pci/dev_igb.h"

#include <string.h>

#include "drivers/pci/pci_mmio.h"
#include "kernel/errno.h"

static void igb_write(const struct igb_dev *n, unsigned reg, uint32_t v)
{
	pci_mmio_write32(n->regs + reg, v);
}

static uint32_t igb_read(const struct igb_dev *n, unsigned reg)
{
	return pci_mmio_read32(n->regs + reg);
}

uint32_t igb_gpie_msix(uint32_t gpie)
{
	return (gpie & ~IGB_GPIE_EIAME) | IGB_GPIE_MSIX_MODE | IGB_GPIE_PBA;
}

uint32_t igb_vector_bits(unsigned first, unsigned count)
{
	if (!count || first >= IGB_MSIX_VECTORS || count > IGB_MSIX_VECTORS - first)
		return 0;
	return ((1u << count) - 1) << first;
}

int igb_probe(struct igb_dev *n, unsigned instance)
{
	memset(n, 0, sizeof(*n));
	n->pci = pci_dev_open_mmio(PCI_VENDOR_INTEL, PCI_DEVICE_IGB, instance, &n->regs,
				   &n->cmd_saved);
	if (!n->pci)
		return -ENODEV;
	n->gpie_saved = igb_read(n, IGB_GPIE);
	return 0;
}

int igb_msix_route(struct igb_dev *n, unsigned count)
{
	uint32_t bits = igb_vector_bits(0, count);
	if (!bits)
		return -EINVAL;
	igb_write(n, IGB_IMC, 0xffffffffu);
	/* GPIE first: EICS, EIMS and EIAC take MSI-X vector bits only in MSI-X mode. */
	igb_write(n, IGB_GPIE, igb_gpie_msix(n->gpie_saved));
	igb_write(n, IGB_EIMC, 0xffffffffu);
	(void)igb_read(n, IGB_EICR);
	for (unsigned i = 0; i < count; i++)
		igb_write(n, IGB_EITR(i), 0); /* no throttling, no postponed second message */
	igb_write(n, IGB_EIAC, bits);
	igb_write(n, IGB_EIMS, bits);
	n->vectors = count;
	return 0;
}

void igb_raise(const struct igb_dev *n, unsigned vector)
{
	igb_write(n, IGB_EICS, igb_vector_bits(vector, 1));
}

void igb_release(struct igb_dev *n)
{
	if (!n->pci)
		return;
	igb_write(n, IGB_EIMC, 0xffffffffu);
	igb_write(n, IGB_IMC, 0xffffffffu);
	igb_write(n, IGB_EIAC, 0); /* QEMU 10.0 only ever sets EIAC bits: harmless there */
	(void)igb_read(n, IGB_EICR);
	igb_write(n, IGB_GPIE, n->gpie_saved);
	pci_write16(n->pci, PCI_COMMAND, n->cmd_saved);
	n->pci = 0;
	n->vectors = 0;
}
