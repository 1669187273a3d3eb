/* SPDX-License-Identifier: MIT */
#include "drivers/pci/pci_mmio.h"

#include "arch/hooks.h"

uint32_t pci_mmio_read32(uint64_t phys)
{
	return *(volatile uint32_t *)(uintptr_t)phys;
}

/* Ordered after every earlier memory write: a register store may start a DMA (arch/hooks.h). */
void pci_mmio_write32(uint64_t phys, uint32_t v)
{
	arch_mmio_write32(phys, v);
}

void pci_mmio_write64(uint64_t phys, uint64_t v)
{
	arch_mmio_write64(phys, v);
}
