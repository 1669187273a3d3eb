/* SPDX-License-Identifier: MIT */
/* pci.enumerate: the MCFG's buses hold a host bridge, no absent or duplicate function, MF rule kept. */
#include "drivers/pci/pci.h"
#include "kernel/errno.h"
#include "kernel/test/dtest.h"

#define PCI_CLASS_HOST_BRIDGE 0x0600 /* base class 06, subclass 00 */

static bool same_addr(struct pci_addr a, struct pci_addr b)
{
	return a.segment == b.segment && a.bus == b.bus && a.dev == b.dev && a.fn == b.fn;
}

/* Is bus (not a window's first bus) behind some bridge of that segment? */
static bool bus_behind_bridge(uint16_t segment, uint8_t bus)
{
	for (unsigned i = 0; i < pci_dev_count(); i++) {
		const struct pci_dev *b = pci_dev_get(i);
		if (b->addr.segment == segment &&
		    (b->header_type & PCI_HEADER_TYPE_MASK) == PCI_HEADER_BRIDGE &&
		    bus >= b->secondary_bus && bus <= b->subordinate_bus)
			return true;
	}
	return false;
}

static bool is_root_bus(uint16_t segment, uint8_t bus)
{
	for (unsigned i = 0; i < pci_ecam_count(); i++) {
		const struct pci_ecam_window *w = pci_ecam_get(i);
		if (w->segment == segment && w->bus_start == bus)
			return true;
	}
	return false;
}

DTEST(pci_enumerate, .name = "pci.enumerate",
      .summary =
	      "ECAM buses hold a host bridge; functions present, unique, multi-function rule kept",
      .needs = DTEST_NEED_ACPI, .deadline_ms = 5000)
{
	if (pci_status() == -ENOENT) {
		dtest_skip(t, "no MCFG table: PCI not enumerated");
		return;
	}
	if (!DT_EXPECT(t, pci_status() == 0, "pci_init returned %s", errno_name(pci_status())))
		return;
	DT_EXPECT_GT(t, pci_ecam_count(), 0);
	DT_EXPECT_GT(t, pci_dev_count(), 0);

	char bdf[PCI_BDF_LEN];
	unsigned host_bridges = 0;
	for (unsigned i = 0; i < pci_dev_count(); i++) {
		const struct pci_dev *d = pci_dev_get(i);
		pci_dev_bdf(d, bdf);
		DT_EXPECT(t, d->vendor != PCI_VENDOR_NONE, "%s recorded with vendor 0xffff", bdf);
		DT_EXPECT(t, pci_read16(d, PCI_VENDOR_ID) == d->vendor,
			  "%s vendor reads 0x%04x now, 0x%04x at enumeration", bdf,
			  pci_read16(d, PCI_VENDOR_ID), d->vendor);
		DT_EXPECT(t, pci_ecam_covers(d->addr.segment, d->addr.bus),
			  "%s is on a bus no ECAM window covers", bdf);
		if (d->class_code >> 8 == PCI_CLASS_HOST_BRIDGE)
			host_bridges++;
		for (unsigned j = 0; j < i; j++)
			DT_EXPECT(t, !same_addr(d->addr, pci_dev_get(j)->addr),
				  "%s recorded twice (entries %u and %u)", bdf, j, i);
		if (!is_root_bus(d->addr.segment, d->addr.bus))
			DT_EXPECT(t, bus_behind_bridge(d->addr.segment, d->addr.bus),
				  "%s: bus %02x is neither a root bus nor behind a bridge", bdf,
				  d->addr.bus);

		/* PCIe 6.0 §7.5.1.1.9: functions 1-7 only with the multi-function bit in function 0. */
		struct pci_addr f0 = d->addr;
		f0.fn = 0;
		uint8_t f0_header = pci_cfg_read8(f0, PCI_HEADER_TYPE);
		if (d->addr.fn) {
			DT_EXPECT(t, pci_cfg_read16(f0, PCI_VENDOR_ID) != PCI_VENDOR_NONE,
				  "%s found but function 0 is absent", bdf);
			DT_EXPECT(t, f0_header & PCI_HEADER_MULTI_FUNCTION,
				  "%s found but function 0's header type 0x%02x is not "
				  "multi-function",
				  bdf, f0_header);
		} else if (!(f0_header & PCI_HEADER_MULTI_FUNCTION)) {
			for (f0.fn = 1; f0.fn < 8; f0.fn++)
				DT_EXPECT(t, pci_cfg_read16(f0, PCI_VENDOR_ID) == PCI_VENDOR_NONE,
					  "%s is single-function but function %u answers", bdf,
					  f0.fn);
		}
	}
	DT_EXPECT(t, host_bridges > 0, "no host bridge (class 0600xx) among %u functions",
		  pci_dev_count());
}
