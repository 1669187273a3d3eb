/* SPDX-License-Identifier: MIT */
/*
 * pci.caps: edu has MSI; e1000e has MSI-X (5 entries, table BAR3+0, PBA
 * BAR3+0x2000) and PCIe; igb too, with 10 entries.
 */
#include <stdio.h>

#include "drivers/pci/pci.h"
#include "kernel/console.h"
#include "kernel/report.h"
#include "kernel/test/dtest.h"

/*
 * QEMU 7.2 hw/net/e1000e.c: 5 MSI-X vectors in BAR3, table at 0, PBA at
 * 0x2000; QEMU 10.0 hw/net/igb.c: the same layout with 10 vectors.
 */
#define E1000E_MSIX_VECTORS 5
#define IGB_MSIX_VECTORS    10
#define NIC_MSIX_BAR        3
#define NIC_MSIX_PBA        0x2000

static void check_edu(struct dtest_ctx *t, const struct pci_dev *d)
{
	struct pci_msi_info msi;
	/* QEMU 7.2 hw/misc/edu.c: msi_init(pdev, 0, 1, true, false): one vector, 64-bit. */
	if (!DT_EXPECT(t, pci_msi_info(d, &msi) == 0, "edu has no MSI capability"))
		return;
	DT_EXPECT_EQ(t, pci_read8(d, msi.offset + PCI_CAP_ID), PCI_CAP_ID_MSI);
	DT_EXPECT_EQ(t, pci_find_cap(d, PCI_CAP_ID_MSI), msi.offset);
	DT_EXPECT(t, msi.addr64, "edu MSI is not 64-bit capable");
	DT_EXPECT_GE(t, msi.max_vectors, 1);
	DT_EXPECT_EQ(t, d->msix_cap, 0);
	fact("pci.edu.msi", "0x%02x", msi.offset);
}

/* An Intel NIC's MSI-X (vectors entries, table BAR3+0, PBA BAR3+0x2000) and PCIe capability. */
static void check_nic(struct dtest_ctx *t, const struct pci_dev *d, unsigned vectors)
{
	struct pci_msix_info x;
	char key[32];
	if (DT_EXPECT(t, pci_msix_info(d, &x) == 0, "%s has no MSI-X capability", d->name)) {
		DT_EXPECT_EQ(t, pci_read8(d, x.offset + PCI_CAP_ID), PCI_CAP_ID_MSIX);
		DT_EXPECT_EQ(t, pci_find_cap(d, PCI_CAP_ID_MSIX), x.offset);
		DT_EXPECT_EQ(t, x.table_size, vectors);
		DT_EXPECT_EQ(t, x.table_bir, NIC_MSIX_BAR);
		DT_EXPECT_EQ(t, x.table_offset, 0);
		DT_EXPECT_EQ(t, x.pba_bir, NIC_MSIX_BAR);
		DT_EXPECT_EQ(t, x.pba_offset, NIC_MSIX_PBA);
		DT_EXPECT(t, x.table_phys != 0, "%s MSI-X table BAR%u is not assigned", d->name,
			  x.table_bir);
		/* Table and PBA must fit in their BAR. */
		DT_EXPECT_LE(t, x.table_offset + x.table_size * PCI_MSIX_ENTRY_SIZE,
			     d->bar[x.table_bir].size);
		DT_EXPECT_LE(t, x.pba_offset + (x.table_size + 63) / 64 * 8,
			     d->bar[x.pba_bir].size);
		snprintf(key, sizeof(key), "pci.%s.msix", d->name);
		fact(key, "0x%02x table BAR%u+0x%x PBA BAR%u+0x%x entries %u", x.offset,
		     x.table_bir, x.table_offset, x.pba_bir, x.pba_offset, x.table_size);
	}
	DT_EXPECT(t, d->pcie_cap != 0, "%s has no PCI Express capability", d->name);
	if (d->pcie_cap) {
		DT_EXPECT_EQ(t, pci_find_cap(d, PCI_CAP_ID_PCIE), d->pcie_cap);
		snprintf(key, sizeof(key), "pci.%s.pcie", d->name);
		fact(key, "0x%02x type %u", d->pcie_cap, d->pcie_type);
	}
}

DTEST(pci_caps, .name = "pci.caps",
      .summary = "capability lists end cleanly; edu has MSI; e1000e (5 in BAR3) and igb (10) "
		 "have MSI-X and PCIe",
      .deadline_ms = 2000)
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

	/* Every list: ends within the guard, entries dword aligned past the header. */
	char bdf[PCI_BDF_LEN];
	for (unsigned i = 0; i < pci_dev_count(); i++) {
		const struct pci_dev *d = pci_dev_get(i);
		pci_dev_bdf(d, bdf);
		DT_EXPECT(t, !d->cap_broken, "%s capability list broken after %u entries", bdf,
			  d->cap_count);
		for (unsigned j = 0; j < d->cap_count; j++)
			DT_EXPECT(t, d->cap[j].offset >= 0x40 && !(d->cap[j].offset & 3),
				  "%s capability %u at bad offset 0x%02x", bdf, j,
				  d->cap[j].offset);
	}

	if (edu)
		check_edu(t, edu);
	else
		kprintf("# %s: edu not checked\n",
			pci_absent_reason(PCI_VENDOR_QEMU, PCI_DEVICE_EDU));
	if (nic)
		check_nic(t, nic, E1000E_MSIX_VECTORS);
	else
		kprintf("# %s: e1000e not checked\n",
			pci_absent_reason(PCI_VENDOR_INTEL, PCI_DEVICE_E1000E));
	if (igb)
		check_nic(t, igb, IGB_MSIX_VECTORS);
	else
		kprintf("# %s: igb not checked\n",
			pci_absent_reason(PCI_VENDOR_INTEL, PCI_DEVICE_IGB));
}
