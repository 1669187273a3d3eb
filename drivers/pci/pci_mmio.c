/* SPDX-License-Identifier: MIT */
#include "drivers/pci/pci_mmio.h"

uint32_t pci_mmio_read32(uint64_t phys)
{
	return *(volatile uint32_t *)(uintptr_t)phys;
}

void pci_mmio_write32(uint64_t phys, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)phys = v;
}

void pci_mmio_write64(uint64_t phys, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)phys = v;
}
