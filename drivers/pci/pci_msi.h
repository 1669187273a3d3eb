/* SPDX-License-Identifier: MIT */
/*
 * PCI-MSI bus domain (docs/architecture.md,
 * "The interrupt domain stack"): stores the message its parent composes in
 * a function's MSI capability and masks through the per-vector mask bits.
 * It never looks at the parent's kind or message format.
 *
 * One domain per function (Linux's per-device MSI domains): what the level
 * can do depends on the capability, so the ops table is chosen at create.
 * A function without per-vector masking gets a table without mask/unmask:
 * the core then masks at the next level down that can, or answers
 * -EOPNOTSUPP (irq_mask). Such a function can send from activation on.
 *
 *	struct pci_msi_domain md;
 *	pci_msi_domain_create(&md, msi.parent, edu);  (msi: edu's msi_dev record)
 *	struct irq_alloc_info info = {.cpu = IRQ_CPU_ANY, .dev = edu, .ids = msi.ids};
 *	irq_alloc(&md.domain, 1, &info, &virq);  irq_activate(virq);  irq_unmask(virq);
 *	...  irq_free(virq, 1);  pci_msi_domain_remove(&md);
 *
 * Multiple Message (nr > 1, a power of two): the capability holds vector 0's
 * message and the function puts the vector number in the low data bits
 * (PCI Local Bus 3.0 §6.8.1.6); the parent must compose messages that differ
 * only that way. pci_msi_msg_rejected() counts the messages that could not
 * be stored (a 64-bit address on a 32-bit capability, data past 16 bits,
 * vector i not equal to vector 0's data + i): MSI then stays disabled.
 */
#ifndef DOORBELL_PCI_MSI_H
#define DOORBELL_PCI_MSI_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/pci/pci.h"
#include "kernel/irq/irq_domain.h"

#define PCI_MSI_MAX_VECTORS 32

struct pci_msi_domain {
	struct irq_domain domain;
	const struct pci_dev *dev;
	struct pci_msi_info cap;
	char name[24];
	uint32_t nvec;       /* vectors allocated (one group), 0 when none */
	uint32_t mask_saved; /* mask bits as found at alloc, restored at free */
	uint32_t active;     /* bit i: vector i is active */
	uint32_t written;    /* bit i: msg[i] holds a message */
	uint32_t rejected;   /* messages the capability could not hold */
	struct msi_msg msg[PCI_MSI_MAX_VECTORS];
};

/*
 * Register md as the "bus" domain of dev's MSI capability on parent: 0,
 * -ENODEV (no MSI capability), or irq_domain_create's errno. MSI is left
 * disabled.
 */
int pci_msi_domain_create(struct pci_msi_domain *md, struct irq_domain *parent,
			  const struct pci_dev *dev);
/* Unregister: 0, -EBUSY while it has interrupts, -EINVAL. */
int pci_msi_domain_remove(struct pci_msi_domain *md);

/*
 * What the capability holds now: message (vector 0's), enable bit, Multiple
 * Message Enable (log2), mask bits (0 without per-vector masking).
 */
struct pci_msi_state {
	struct msi_msg msg;
	bool enabled;
	unsigned mme_log2;
	uint32_t mask;
	uint32_t pending;
};
void pci_msi_read_state(const struct pci_msi_domain *md, struct pci_msi_state *out);
uint32_t pci_msi_msg_rejected(const struct pci_msi_domain *md);

extern const struct irq_domain_ops pci_msi_domain_ops;        /* per-vector masking */
extern const struct irq_domain_ops pci_msi_nomask_domain_ops; /* no mask/unmask */

#endif
