/* SPDX-License-Identifier: MIT */
/*
 * The requester id a function's upstream writes (DMA, MSI) carry when they
 * reach the root complex, and what an IOMMU can verify of it (VT-d 5.1.1,
 * "Identifying Origination of Interrupt Requests"). Behind a PCIe-to-PCI
 * bridge, conventional PCI has no requester id: the bridge takes ownership
 * with (its secondary bus, devfn 0) or forwards the function's own id
 * (PCIe-to-PCI/PCI-X Bridge spec r1.0 §2.3), so only a bus range can be
 * verified. Behind a conventional PCI-to-PCI bridge the bridge's own id
 * arrives, and exactly that id is verified. The walk and the decision
 * follow Linux's pci_for_each_dma_alias and the VT-d driver's set_msi_sid:
 *  - the last alias names a bus other than its owner's (a PCIe-to-PCI
 *    bridge's): the buses from the alias's to the function's;
 *  - two or more aliases, all on one bus: that bus alone;
 *  - the last alias belongs to a bridge on another bus (a conventional
 *    bridge's own id): that id, exactly;
 *  - otherwise the function's own id.
 *
 * Pure logic over a lookup callback: host-tested (tests/host/pci).
 */
#ifndef DOORBELL_PCI_ALIAS_H
#define DOORBELL_PCI_ALIAS_H

#include <stdbool.h>
#include <stdint.h>

struct pci_dev;

/* PCIe capability Device/Port Type (PCIe 6.0 §7.5.3.2). */
#define PCI_EXP_TYPE_ROOT_PORT   0x4
#define PCI_EXP_TYPE_UPSTREAM    0x5
#define PCI_EXP_TYPE_DOWNSTREAM  0x6
#define PCI_EXP_TYPE_PCI_BRIDGE  0x7 /* PCIe-to-PCI/PCI-X bridge */
#define PCI_EXP_TYPE_PCIE_BRIDGE 0x8 /* PCI/PCI-X-to-PCIe bridge */

#define PCI_ALIAS_MAX_DEPTH 32

struct pci_requester {
	bool bus_range; /* only the bus can be verified: [bus_first, bus_last] */
	uint16_t rid;   /* the requester id to verify exactly when !bus_range */
	uint8_t bus_first, bus_last;
	uint16_t alias;   /* the last alias of the walk: what the root complex sees */
	unsigned aliases; /* ids walked, the function's own included */
};

/*
 * The bridge whose secondary bus is bus on segment, or NULL when bus is a
 * root bus (nothing enumerated bridges to it).
 */
typedef const struct pci_dev *(*pci_upstream_fn)(void *ctx, uint16_t segment, uint8_t bus);

/*
 * Fill *out for d: 0, or -EINVAL when the bridges do not lead to a root bus
 * within PCI_ALIAS_MAX_DEPTH levels (bus numbers set up in a cycle).
 */
int pci_requester_of(const struct pci_dev *d, pci_upstream_fn up, void *ctx,
		     struct pci_requester *out);

#endif
