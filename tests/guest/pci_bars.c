/* SPDX-License-Identifier: MIT */
/* pci.bars: edu, e1000e and igb BARs have QEMU's types and sizes; sizing restores every BAR. */
#include "drivers/pci/pci.h"
#include "kernel/console.h"
#include "kernel/test/dtest.h"

/* QEMU 7.2 hw/misc/edu.c: BAR0 "edu-mmio", 1 MiB, 32-bit memory. */
#define EDU_BAR0_SIZE (1u << 20)
/* QEMU 7.2 hw/net/e1000e.c: BAR0 registers 128 KiB, BAR3 MSI-X 16 KiB, both 32-bit memory. */
#define E1000E_BAR0_SIZE (128u << 10)
#define E1000E_BAR3_SIZE (16u << 10)
/* QEMU 10.0 hw/net/igb.c: BAR0 registers 128 KiB 32-bit, BAR3 MSI-X 16 KiB 64-bit memory. */
#define IGB_BAR0_SIZE (128u << 10)
#define IGB_BAR3_SIZE (16u << 10)

static void expect_bar(struct dtest_ctx *t, const struct pci_dev *d, unsigned idx,
		       enum pci_bar_type type, uint64_t size)
{
	char bdf[PCI_BDF_LEN];
	const struct pci_bar *b = &d->bar[idx];
	pci_dev_bdf(d, bdf);
	DT_EXPECT(t, b->type == type, "%s %s BAR%u is %s, want %s", d->name, bdf, idx,
		  pci_bar_type_name(b->type), pci_bar_type_name(type));
	DT_EXPECT(t, b->size == size, "%s %s BAR%u size 0x%llx, want 0x%llx", d->name, bdf, idx,
		  (unsigned long long)b->size, (unsigned long long)size);
	DT_EXPECT(t, b->assigned && b->base, "%s %s BAR%u not assigned (0x%08x)", d->name, bdf, idx,
		  b->raw);
	DT_EXPECT(t, !(b->base & (b->size - 1)), "%s %s BAR%u base 0x%llx not aligned to its size",
		  d->name, bdf, idx, (unsigned long long)b->base);
}

DTEST(pci_bars, .name = "pci.bars",
      .summary =
	      "edu/e1000e/igb BAR types and sizes as QEMU defines them; sizing restores each BAR",
      .deadline_ms = 5000)
{
	const struct pci_dev *edu = pci_find(PCI_VENDOR_QEMU, PCI_DEVICE_EDU, 0);
	const struct pci_dev *nic = pci_find(PCI_VENDOR_INTEL, PCI_DEVICE_E1000E, 0);
	const struct pci_dev *igb = pci_find(PCI_VENDOR_INTEL, PCI_DEVICE_IGB, 0);
	if (!edu && !nic && !igb) {
		dtest_skip(t, "%s; %s; %s", pci_absent_reason(PCI_VENDOR_QEMU, PCI_DEVICE_EDU),
			   pci_absent_reason(PCI_VENDOR_INTEL, PCI_DEVICE_E1000E),
			   pci_absent_reason(PCI_VENDOR_INTEL, PCI_DEVICE_IGB));
		return;
	}
	if (edu)
		expect_bar(t, edu, 0, PCI_BAR_MEM32, EDU_BAR0_SIZE);
	else
		kprintf("# %s: edu not checked\n",
			pci_absent_reason(PCI_VENDOR_QEMU, PCI_DEVICE_EDU));
	if (nic) {
		expect_bar(t, nic, 0, PCI_BAR_MEM32, E1000E_BAR0_SIZE);
		expect_bar(t, nic, 3, PCI_BAR_MEM32, E1000E_BAR3_SIZE);
	} else {
		kprintf("# %s: e1000e not checked\n",
			pci_absent_reason(PCI_VENDOR_INTEL, PCI_DEVICE_E1000E));
	}
	if (igb) {
		expect_bar(t, igb, 0, PCI_BAR_MEM32, IGB_BAR0_SIZE);
		expect_bar(t, igb, 3, PCI_BAR_MEM64, IGB_BAR3_SIZE);
	} else {
		kprintf("# %s: igb not checked\n",
			pci_absent_reason(PCI_VENDOR_INTEL, PCI_DEVICE_IGB));
	}

	/* Sizing again, now, gives the same answer and puts every register back exactly. */
	char bdf[PCI_BDF_LEN];
	unsigned sized = 0;
	for (unsigned i = 0; i < pci_dev_count(); i++) {
		const struct pci_dev *d = pci_dev_get(i);
		uint16_t cmd = pci_read16(d, PCI_COMMAND);
		pci_dev_bdf(d, bdf);
		for (unsigned j = 0; j < d->bar_count; j++) {
			if (d->bar[j].type == PCI_BAR_MEM64_HIGH)
				continue;
			uint32_t before = pci_read32(d, PCI_BAR0 + 4 * j);
			struct pci_bar b;
			int err = pci_bar_probe(d, j, &b);
			uint32_t after = pci_read32(d, PCI_BAR0 + 4 * j);
			DT_EXPECT(t, err == 0 && after == before,
				  "%s BAR%u: 0x%08x before sizing, 0x%08x after (err %d)", bdf, j,
				  before, after, err);
			DT_EXPECT(t,
				  b.type == d->bar[j].type && b.size == d->bar[j].size &&
					  b.base == d->bar[j].base,
				  "%s BAR%u: %s 0x%llx+0x%llx now, %s 0x%llx+0x%llx at enumeration",
				  bdf, j, pci_bar_type_name(b.type), (unsigned long long)b.base,
				  (unsigned long long)b.size, pci_bar_type_name(d->bar[j].type),
				  (unsigned long long)d->bar[j].base,
				  (unsigned long long)d->bar[j].size);
			if (b.type == PCI_BAR_MEM64)
				DT_EXPECT_EQ(t, pci_read32(d, PCI_BAR0 + 4 * j + 4), b.raw_high);
			sized += b.size != 0;
		}
		DT_EXPECT(t, pci_read16(d, PCI_COMMAND) == cmd,
			  "%s command 0x%04x before sizing, 0x%04x after", bdf, cmd,
			  pci_read16(d, PCI_COMMAND));
	}
	DT_EXPECT_GT(t, sized, 0);
}
