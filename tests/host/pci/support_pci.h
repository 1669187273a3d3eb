/* SPDX-License-Identifier: MIT */
/*
 * A fake PCI function for the bus domains' host tests: a config space with
 * read-only bits, an MSI-X BAR in memory, and checks of the write order the
 * specs demand (no MSI address/data rewrite while MSI is enabled, no MSI-X
 * entry address/data rewrite while the entry is unmasked). The parent level
 * is the irq core's fake vector (or remap) level, tests/host/irq/support_fake.h.
 */
#ifndef DOORBELL_TESTS_PCI_SUPPORT_PCI_H
#define DOORBELL_TESTS_PCI_SUPPORT_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/pci/pci.h"

#define FAKE_PCI_MSI_CAP  0x50
#define FAKE_PCI_MSIX_CAP 0x70
#define FAKE_PCI_BAR_SIZE 0x4000
#define FAKE_PCI_MSIX_BAR 3
#define FAKE_PCI_PBA_OFF  0x2000

struct fake_pci {
	struct pci_dev dev;
	uint8_t cfg[PCI_CFG_SIZE];
	uint8_t ro[PCI_CFG_SIZE]; /* bits writes cannot change */
	uint8_t bar[FAKE_PCI_BAR_SIZE] __attribute__((aligned(16)));
	uint32_t order_errors; /* writes the specs forbid, see above */
	uint32_t cfg_writes;
	uint32_t mmio_writes;
};

extern struct fake_pci fake_pci;

/* An MSI function: 64-bit or 32-bit layout, per-vector masking, 2^log2_max vectors. */
struct pci_dev *fake_pci_msi(bool addr64, bool maskbit, unsigned log2_max);
/* An MSI-X function with entries entries (all masked), table BAR3+0, PBA BAR3+0x2000. */
struct pci_dev *fake_pci_msix(unsigned entries);

/*
 * A function with vendor:device and its register BAR0 (32-bit memory) at the
 * fake BAR, no capabilities, for the device drivers; pci_find finds it.
 */
struct pci_dev *fake_pci_device(uint16_t vendor, uint16_t device);
/* A 32-bit register of the fake BAR at off (a device register, not the MSI-X table). */
uint32_t fake_bar32(unsigned off);
void fake_bar32_set(unsigned off, uint32_t v);

uint16_t fake_cfg16(unsigned off);
uint32_t fake_cfg32(unsigned off);
/* MSI-X table word of entry (reg: PCI_MSIX_ENTRY_*). */
uint32_t fake_msix_word(unsigned entry, unsigned reg);
void fake_msix_set_pending(unsigned entry, bool on);

#endif
