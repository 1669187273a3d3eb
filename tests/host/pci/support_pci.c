/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/pci/pci_ecam.h"
#include "drivers/pci/pci_mmio.h"
#include "tests/host/pci/support_pci.h"

struct fake_pci fake_pci;

/* --- config space ----------------------------------------------------------- */

static uint32_t cfg_read(unsigned off, unsigned width)
{
	assert_true(off + width <= PCI_CFG_SIZE && off % width == 0);
	uint32_t v = 0;
	for (unsigned i = 0; i < width; i++)
		v |= (uint32_t)fake_pci.cfg[off + i] << (8 * i);
	return v;
}

static bool msi_enabled(void)
{
	return fake_pci.dev.msi_cap &&
	       (cfg_read(fake_pci.dev.msi_cap + PCI_MSI_FLAGS, 2) & PCI_MSI_FLAGS_ENABLE);
}

/* Address and data registers of the MSI capability, in either layout. */
static bool msi_msg_reg(unsigned off)
{
	unsigned cap = fake_pci.dev.msi_cap;
	if (!cap || off < cap + PCI_MSI_ADDRESS_LO)
		return false;
	bool addr64 = cfg_read(cap + PCI_MSI_FLAGS, 2) & PCI_MSI_FLAGS_64BIT;
	unsigned end = cap + (addr64 ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32) + 2;
	return off < end;
}

static void cfg_write(unsigned off, unsigned width, uint32_t v)
{
	assert_true(off + width <= PCI_CFG_SIZE && off % width == 0);
	if (msi_msg_reg(off) && msi_enabled())
		fake_pci.order_errors++;
	fake_pci.cfg_writes++;
	for (unsigned i = 0; i < width; i++) {
		uint8_t ro = fake_pci.ro[off + i];
		uint8_t b = (uint8_t)(v >> (8 * i));
		fake_pci.cfg[off + i] = (uint8_t)((fake_pci.cfg[off + i] & ro) | (b & ~ro));
	}
}

uint8_t pci_cfg_read8(struct pci_addr a, unsigned off)
{
	return (uint8_t)cfg_read(off, 1);
}

uint16_t pci_cfg_read16(struct pci_addr a, unsigned off)
{
	return (uint16_t)cfg_read(off, 2);
}

uint32_t pci_cfg_read32(struct pci_addr a, unsigned off)
{
	return cfg_read(off, 4);
}

void pci_cfg_write8(struct pci_addr a, unsigned off, uint8_t v)
{
	cfg_write(off, 1, v);
}

void pci_cfg_write16(struct pci_addr a, unsigned off, uint16_t v)
{
	cfg_write(off, 2, v);
}

void pci_cfg_write32(struct pci_addr a, unsigned off, uint32_t v)
{
	cfg_write(off, 4, v);
}

uint16_t pci_addr_rid(struct pci_addr a)
{
	return (uint16_t)(a.bus << 8 | a.dev << 3 | a.fn);
}

uint16_t fake_cfg16(unsigned off)
{
	return (uint16_t)cfg_read(off, 2);
}

uint32_t fake_cfg32(unsigned off)
{
	return cfg_read(off, 4);
}

/* --- MSI-X BAR ------------------------------------------------------------ */

static unsigned bar_offset(uint64_t phys)
{
	uintptr_t base = (uintptr_t)fake_pci.bar;
	assert_true(phys >= base && phys + 4 <= base + FAKE_PCI_BAR_SIZE && phys % 4 == 0);
	return (unsigned)(phys - base);
}

uint32_t pci_mmio_read32(uint64_t phys)
{
	uint32_t v;
	memcpy(&v, &fake_pci.bar[bar_offset(phys)], 4);
	return v;
}

void pci_mmio_write32(uint64_t phys, uint32_t v)
{
	unsigned off = bar_offset(phys);
	unsigned entries =
		(fake_cfg16(FAKE_PCI_MSIX_CAP + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_QSIZE) + 1;
	if (off < entries * PCI_MSIX_ENTRY_SIZE && off % 16 != PCI_MSIX_ENTRY_VECTOR_CTRL) {
		/* PCI Local Bus 3.0 §6.8.2.9: no address/data change while unmasked. */
		uint32_t ctrl = fake_msix_word(off / 16, PCI_MSIX_ENTRY_VECTOR_CTRL);
		if (!(ctrl & PCI_MSIX_ENTRY_CTRL_MASKBIT))
			fake_pci.order_errors++;
	}
	assert_true(off < FAKE_PCI_PBA_OFF); /* the PBA is read-only */
	fake_pci.mmio_writes++;
	memcpy(&fake_pci.bar[off], &v, 4);
}

uint32_t fake_msix_word(unsigned entry, unsigned reg)
{
	uint32_t v;
	memcpy(&v, &fake_pci.bar[entry * PCI_MSIX_ENTRY_SIZE + reg], 4);
	return v;
}

void fake_msix_set_pending(unsigned entry, bool on)
{
	uint8_t *b = &fake_pci.bar[FAKE_PCI_PBA_OFF + entry / 8];
	if (on)
		*b |= (uint8_t)(1u << (entry % 8));
	else
		*b &= (uint8_t) ~(1u << (entry % 8));
}

/* --- functions -------------------------------------------------------------- */

static void fake_reset(void)
{
	memset(&fake_pci, 0, sizeof(fake_pci));
	fake_pci.dev.addr = (struct pci_addr){.bus = 0, .dev = 3, .fn = 0};
	fake_pci.dev.bar_count = PCI_BARS_NORMAL;
	fake_pci.cfg[PCI_STATUS] = PCI_STATUS_CAP_LIST;
	memset(fake_pci.ro, 0xff, sizeof(fake_pci.ro));
	fake_pci.ro[PCI_COMMAND] = 0; /* the command register is writable */
	fake_pci.ro[PCI_COMMAND + 1] = 0;
}

struct pci_dev *fake_pci_msi(bool addr64, bool maskbit, unsigned log2_max)
{
	fake_reset();
	unsigned cap = FAKE_PCI_MSI_CAP;
	fake_pci.cfg[PCI_CAP_PTR] = (uint8_t)cap;
	fake_pci.cfg[cap + PCI_CAP_ID] = PCI_CAP_ID_MSI;
	uint16_t flags = (uint16_t)(log2_max << 1) | (addr64 ? PCI_MSI_FLAGS_64BIT : 0) |
			 (maskbit ? PCI_MSI_FLAGS_MASKBIT : 0);
	fake_pci.cfg[cap + PCI_MSI_FLAGS] = (uint8_t)flags;
	fake_pci.cfg[cap + PCI_MSI_FLAGS + 1] = (uint8_t)(flags >> 8);
	/* Writable: Enable and Multiple Message Enable, address, data, mask bits. */
	fake_pci.ro[cap + PCI_MSI_FLAGS] = (uint8_t) ~(PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE);
	unsigned end = cap + (addr64 ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32);
	for (unsigned off = cap + PCI_MSI_ADDRESS_LO; off < end; off++)
		fake_pci.ro[off] = 0;
	fake_pci.ro[cap + PCI_MSI_ADDRESS_LO] = 0x03; /* dword aligned */
	if (!maskbit)
		memset(&fake_pci.ro[cap + (addr64 ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32)], 0xff, 4);
	fake_pci.dev.msi_cap = (uint8_t)cap;
	return &fake_pci.dev;
}

struct pci_dev *fake_pci_msix(unsigned entries)
{
	fake_reset();
	unsigned cap = FAKE_PCI_MSIX_CAP;
	fake_pci.cfg[PCI_CAP_PTR] = (uint8_t)cap;
	fake_pci.cfg[cap + PCI_CAP_ID] = PCI_CAP_ID_MSIX;
	uint16_t flags = (uint16_t)(entries - 1);
	fake_pci.cfg[cap + PCI_MSIX_FLAGS] = (uint8_t)flags;
	fake_pci.cfg[cap + PCI_MSIX_FLAGS + 1] = (uint8_t)(flags >> 8);
	fake_pci.ro[cap + PCI_MSIX_FLAGS + 1] =
		(uint8_t) ~((PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL) >> 8);
	uint32_t table = FAKE_PCI_MSIX_BAR, pba = FAKE_PCI_PBA_OFF | FAKE_PCI_MSIX_BAR;
	memcpy(&fake_pci.cfg[cap + PCI_MSIX_TABLE], &table, 4);
	memcpy(&fake_pci.cfg[cap + PCI_MSIX_PBA], &pba, 4);
	fake_pci.dev.msix_cap = (uint8_t)cap;
	struct pci_bar *b = &fake_pci.dev.bar[FAKE_PCI_MSIX_BAR];
	b->type = PCI_BAR_MEM64;
	b->assigned = true;
	b->base = (uintptr_t)fake_pci.bar;
	b->size = FAKE_PCI_BAR_SIZE;
	/* Every entry starts masked (PCIe 6.0 §7.7.2.9). */
	for (unsigned i = 0; i < entries; i++)
		fake_pci.bar[i * PCI_MSIX_ENTRY_SIZE + PCI_MSIX_ENTRY_VECTOR_CTRL] = 1;
	return &fake_pci.dev;
}

struct pci_dev *fake_pci_device(uint16_t vendor, uint16_t device)
{
	fake_reset();
	memcpy(&fake_pci.cfg[PCI_VENDOR_ID], &vendor, 2);
	memcpy(&fake_pci.cfg[PCI_DEVICE_ID], &device, 2);
	fake_pci.cfg[PCI_STATUS] = 0; /* no capability list */
	fake_pci.dev.vendor = vendor;
	fake_pci.dev.device = device;
	struct pci_bar *b = &fake_pci.dev.bar[0];
	b->type = PCI_BAR_MEM32;
	b->assigned = true;
	b->base = (uintptr_t)fake_pci.bar;
	b->size = FAKE_PCI_BAR_SIZE;
	return &fake_pci.dev;
}

/* The drivers' lookup: the one fake function, when its IDs match. */
struct pci_dev *pci_find(uint16_t vendor, uint16_t device, unsigned instance)
{
	if (instance || !vendor || fake_pci.dev.vendor != vendor || fake_pci.dev.device != device)
		return NULL;
	return &fake_pci.dev;
}

uint32_t fake_bar32(unsigned off)
{
	uint32_t v;
	memcpy(&v, &fake_pci.bar[off], 4);
	return v;
}

void fake_bar32_set(unsigned off, uint32_t v)
{
	memcpy(&fake_pci.bar[off], &v, 4);
}
