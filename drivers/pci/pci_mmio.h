/* SPDX-License-Identifier: MIT */
/*
 * Memory-mapped device registers (BARs, the MSI-X table and PBA). The
 * kernel maps physical memory 1:1 as uncached / device memory, so a bus
 * address is used as it is. Accesses are 32-bit and naturally aligned:
 * the MSI-X table and PBA allow DWORD accesses (PCIe 6.0 §6.1.4.2) and
 * arm64 Device memory needs the alignment. A write is ordered after every
 * earlier write to memory (arch_mmio_write32), as a DMA start needs. Host
 * tests link a fake.
 */
#ifndef DOORBELL_PCI_MMIO_H
#define DOORBELL_PCI_MMIO_H

#include <stdint.h>

uint32_t pci_mmio_read32(uint64_t phys);
void pci_mmio_write32(uint64_t phys, uint32_t v);
/* A single 64-bit access, for registers that take one (edu's DMA addresses). */
void pci_mmio_write64(uint64_t phys, uint64_t v);

#endif
