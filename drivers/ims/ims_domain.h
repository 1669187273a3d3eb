/* SPDX-License-Identifier: MIT */
/*
 * IMS bus domain (docs/architecture.md, "The interrupt domain stack"): interrupt message storage that belongs to the
 * device, not to a PCI capability. The device registers its storage (slot
 * count and slot operations); the message-storage level
 * (kernel/irq/irq_msi_store.h, the one the MSI-X table uses too) stores the
 * message the parent composes and masks through the device, and never looks
 * at what is below it.
 *
 * Creation first asks the parent chain whether IMS may sit on it
 * (irq_domain_supports: the levels' capabilities and the platform policy
 * attached to them). A refusal returns -EOPNOTSUPP with the reason and
 * registers nothing.
 *
 *	struct ims_domain im;  const char *why;
 *	if (ims_domain_create(&im, irq_msi_parent(), &storage, &why)) report(why);
 *	struct irq_alloc_info info = {.cpu = IRQ_CPU(1), .dev = storage.dev,
 *				      .dev_id = rid, .index = HWIRQ(slot)};
 *	irq_alloc(&im.domain, 1, &info, &virq);  irq_activate(virq);  irq_unmask(virq);
 */
#ifndef DOORBELL_IMS_DOMAIN_H
#define DOORBELL_IMS_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq_domain.h"
#include "kernel/irq/irq_msi_store.h"

#define IMS_MAX_SLOTS 256

/*
 * The device's slot operations (struct irq_msi_slot_ops, the same the MSI-X
 * table gives): write_msg must be atomic with respect to the device's own
 * sends (it never posts a half-written message); write_msg, mask and unmask
 * are required and the others unused. They may be slow (a DMA each): the
 * domain is a slow bus (Linux: irq_bus_lock / irq_bus_sync_unlock) and calls
 * them from its bus_sync, under its bus lock with local interrupts off, never
 * under the irq core's descriptor or core locks.
 */
struct ims_storage {
	const char *name; /* the device, for the domain's name: "edu-ims" */
	uint32_t slot_count;
	void *dev; /* passed to the ops; allocations name it in irq_alloc_info.dev */
	const struct irq_msi_slot_ops *ops;
};

struct ims_domain {
	struct irq_domain domain;
	struct ims_storage st;
	char name[24];
	struct irq_msi_store store; /* used, live, unmasked slots; mask errors */
	/* What waits to be written: the slots are a slow bus (a DMA each). */
	struct msi_msg pending_msg[IMS_MAX_SLOTS];
};

/*
 * Register im as the IMS domain of st on parent: 0; -EINVAL (bad storage,
 * no slots or more than IMS_MAX_SLOTS); -EOPNOTSUPP when the parent chain
 * refuses IMS, with *reason (also set for -EINVAL); or irq_domain_create's
 * errno. On any error nothing is registered.
 */
int ims_domain_create(struct ims_domain *im, struct irq_domain *parent,
		      const struct ims_storage *st, const char **reason);
/* Unregister: 0, -EBUSY while it has interrupts, -EINVAL. */
int ims_domain_remove(struct ims_domain *im);

#endif
