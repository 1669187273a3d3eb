/* SPDX-License-Identifier: MIT */
/*
 * PCI-MSI-X bus domain (docs/architecture.md, "The interrupt
 * domain stack"): the function's MSI-X table as storage of
 * the message-storage level (kernel/irq/irq_msi_store.h), which stores the
 * message its parent composes and masks through each entry's Vector
 * Control. It never looks at the parent's kind or message format.
 *
 * One domain per function, as for MSI (pci_msi.h). Entry = info->index + i
 * for the i-th virq of an allocation. An entry is unmasked in the device
 * only while it holds a live message (written while active) and the core
 * asked for it unmasked, so a deactivated or freed entry can never send.
 *
 *	struct pci_msix_domain mx;
 *	pci_msix_domain_create(&mx, msi.parent, nic);  (msi: nic's msi_dev record)
 *	struct irq_alloc_info info = {.cpu = IRQ_CPU(1), .dev = nic,
 *				      .ids = msi.ids, .index = HWIRQ(0)};
 *	irq_alloc(&mx.domain, 3, &info, &virq);  irq_activate(virq);  irq_unmask(virq);
 */
#ifndef DOORBELL_PCI_MSIX_H
#define DOORBELL_PCI_MSIX_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/pci/pci.h"
#include "kernel/irq/irq_domain.h"
#include "kernel/irq/irq_msi_store.h"

#define PCI_MSIX_MAX_ENTRIES 2048 /* Table Size is 11 bits */

struct pci_msix_domain {
	struct irq_domain domain;
	const struct pci_dev *dev;
	struct pci_msix_info cap;
	char name[24];
	struct irq_msi_store store; /* used, live, unmasked entries (store.slots.used) */
};

/*
 * Register mx as the "bus" domain of dev's MSI-X capability on parent: 0,
 * -ENODEV (no MSI-X, or its table or PBA BAR is not an assigned memory
 * BAR), or irq_domain_create's errno. Enables memory decode (the table is
 * in a BAR) and leaves MSI-X disabled.
 */
int pci_msix_domain_create(struct pci_msix_domain *mx, struct irq_domain *parent,
			   const struct pci_dev *dev);
/* Unregister: 0, -EBUSY while it has interrupts, -EINVAL. */
int pci_msix_domain_remove(struct pci_msix_domain *mx);

/* One table entry as the device holds it, and its Pending Bit. */
struct pci_msix_entry {
	struct msi_msg msg;
	uint32_t vector_ctrl;
	bool masked;  /* Vector Control bit 0 */
	bool pending; /* PBA bit */
};
/* 0, or -EINVAL when entry is past the table. */
int pci_msix_read_entry(const struct pci_msix_domain *mx, uint32_t entry,
			struct pci_msix_entry *out);
/* The capability's Message Control (PCI_MSIX_FLAGS_ENABLE, _MASKALL). */
uint16_t pci_msix_control(const struct pci_msix_domain *mx);

#endif
