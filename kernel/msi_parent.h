/* SPDX-License-Identifier: MIT */
/*
 * The one place that resolves a device's MSI parent, once per device
 * (Linux: msi_prepare and the per-device MSI domain): the ids its writes
 * carry (the IORT's DeviceID and StreamID of its requester id on arm64, the
 * requester id itself on x86) and the remap domain whose scope covers it
 * (the VT-d unit of its DMAR device scope, the ITS), else the arch's
 * bottom domain when that composes messages itself (x86 vectors). The bus
 * domains stay agnostic: they are created on record.parent and allocate
 * with record.ids (docs/architecture.md, "The interrupt domain stack").
 *
 *	struct msi_dev msi;
 *	if (msi_dev_prepare(&msi, edu->pci)) skip(msi.absent_reason);
 *	pci_msi_domain_create(&md, msi.parent, edu->pci);
 *	struct irq_alloc_info info = {.cpu = IRQ_CPU_ANY, .ids = msi.ids, ...};
 */
#ifndef DOORBELL_MSI_PARENT_H
#define DOORBELL_MSI_PARENT_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq_domain.h"

struct pci_dev;

/* One device's record, filled by msi_dev_prepare. */
struct msi_dev {
	struct irq_dev_ids ids;
	struct irq_domain *parent; /* NULL: no domain can compose this device's MSIs */
	const char *absent_reason; /* why parent is NULL (for a SKIP), else "" */
	bool device_id_overridden; /* msi_dev_set_device_id was used */
};

/*
 * Fill md for requester id rid in segment: 0, or -ENODEV with md->parent
 * NULL and md->absent_reason set (no domain composes an MSI here, or the
 * IORT maps the id to no ITS).
 */
int msi_dev_prepare_rid(struct msi_dev *md, uint16_t segment, uint16_t rid);
/* The same for an enumerated PCI function. */
int msi_dev_prepare(struct msi_dev *md, const struct pci_dev *pd);
/*
 * Where a test knows better than the tables: the DeviceID the ITS sees the
 * device's writes with (QEMU's arm virt: a device's own DMA writes arrive as
 * 0, docs/platform.md, "ITS DeviceID 0"). The other ids stay the platform's.
 */
void msi_dev_set_device_id(struct msi_dev *md, uint32_t device_id);

/*
 * Attach the platform's IMS policy (docs/architecture.md, "The opt-in rule") as the gate
 * of every domain that can be an MSI parent; once, after the remap domains
 * are built. Bus domains then ask it through irq_domain_supports.
 */
void msi_parent_init(void);
/* True when IMS is used against the policy's refusal (ims=force): label it a demonstration. */
bool irq_msi_parent_ims_demonstration(void);

#endif
