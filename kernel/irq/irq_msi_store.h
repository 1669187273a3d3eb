/* SPDX-License-Identifier: MIT */
/*
 * The message-storage bus level (docs/architecture.md, "The interrupt domain
 * stack": bus domains store the message and mask): one level for every device whose
 * interrupt messages sit in slots it owns, each slot with its own mask:
 * MSI-X table entries (drivers/pci/pci_msix.c) and IMS slots
 * (drivers/ims/ims_domain.c). The bus describes its storage with three slot
 * operations; this level keeps the one state machine over them and never
 * looks at the parent (Linux keeps the same split: kernel/irq/msi.c over
 * the buses' irq_write_msi_msg and mask callbacks).
 *
 * Per slot: used (allocated), live (active and holding a message), unmasked
 * (the core asked for it unmasked), and what the device was last told. The
 * device is unmasked only while live and unmasked, so a deactivated or freed
 * slot can never send; it is told only what changed, since an op may be slow
 * (IMS on edu: a DMA).
 *
 * PCI MSI is not a storage of this kind: one address/data pair serves the
 * whole block of vectors (vector i sends vector 0's data | i) behind one
 * enable, and per-vector mask bits are optional (drivers/pci/pci_msi.c).
 */
#ifndef DOORBELL_IRQ_MSI_STORE_H
#define DOORBELL_IRQ_MSI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/irq/irq_domain.h"
#include "kernel/irq/irq_idalloc.h"
#include "kernel/spinlock.h"

#define IRQ_MSI_STORE_MAX_SLOTS 2048 /* MSI-X Table Size is 11 bits */

/*
 * The device's slot operations. They run with the irq core lock held, except
 * on a slow store (irq_msi_store_info.pending set): there write_msg, mask and
 * unmask run from the level's bus_sync (Linux: irq_bus_lock /
 * irq_bus_sync_unlock) under only its bus lock, with local interrupts off,
 * and a slow store takes no enable, disable or release.
 * write_msg leaves the slot as it was on failure; mask and unmask report
 * failure as an errno, which the level counts. The optional ones may be NULL.
 */
struct irq_msi_slot_ops {
	int (*write_msg)(void *dev, uint32_t slot, const struct msi_msg *msg);
	int (*mask)(void *dev, uint32_t slot);
	int (*unmask)(void *dev, uint32_t slot);
	void (*enable)(void *dev);                 /* the first slot is activated */
	void (*disable)(void *dev);                /* no slot active, or none allocated any more */
	void (*release)(void *dev, uint32_t slot); /* a freed slot: clear its message */
	/* One line about the slot for the domain tree; open: unmasked in the device. */
	int (*show)(void *dev, uint32_t slot, bool open, char *buf, size_t size);
};

struct irq_msi_store_info {
	const char *name;  /* the domain's name */
	void *dev;         /* passed to the ops */
	const void *owner; /* what irq_alloc_info.dev must name */
	uint32_t slot_count;
	const struct irq_msi_slot_ops *ops;
	/*
	 * The slot must be masked while its message changes (MSI-X, PCI Local
	 * Bus 3.0 §6.8.2.9); false when write_msg is atomic towards the device's
	 * own sends (IMS slots).
	 */
	bool mask_to_write;
	/*
	 * A slow device (IMS on edu: every op a DMA): slot_count messages of
	 * storage for what waits to be written. The level's ops then only record
	 * the change under the core's locks, and its bus_sync tells the device
	 * with those locks dropped. NULL: the ops tell the device at once.
	 */
	struct msi_msg *pending;
};

struct irq_msi_store {
	struct irq_msi_store_info info;
	struct irq_idalloc slots; /* used slots; slots.used counts them */
	uint64_t slot_map[IRQ_IDALLOC_WORDS(IRQ_MSI_STORE_MAX_SLOTS)];
	uint64_t live[IRQ_BITMAP_WORDS(IRQ_MSI_STORE_MAX_SLOTS)];
	uint64_t unmasked[IRQ_BITMAP_WORDS(IRQ_MSI_STORE_MAX_SLOTS)];
	uint64_t dev_open[IRQ_BITMAP_WORDS(IRQ_MSI_STORE_MAX_SLOTS)]; /* last told: unmasked */
	uint32_t active_count;
	uint32_t mask_errors; /* mask/unmask the device refused */
	int last_mask_error;
	/* A slow store: recorded under the core's locks, written by bus_sync. */
	struct spinlock bus_lock;
	uint64_t msg_pending[IRQ_BITMAP_WORDS(
		IRQ_MSI_STORE_MAX_SLOTS)]; /* info.pending[slot] waits */
	uint64_t mask_dirty[IRQ_BITMAP_WORDS(IRQ_MSI_STORE_MAX_SLOTS)]; /* mask state touched */
	uint64_t
		mask_forced[IRQ_BITMAP_WORDS(IRQ_MSI_STORE_MAX_SLOTS)]; /* told even if unchanged */
};

/*
 * Register d as the store level (kind "bus") of info's device on parent,
 * with s as its state: 0, -EINVAL (incomplete info, no slots or more than
 * IRQ_MSI_STORE_MAX_SLOTS), or irq_domain_create's errno. Slot i of an
 * allocation is irq_alloc_info.index + i.
 */
int irq_msi_store_create(struct irq_msi_store *s, struct irq_domain *d, struct irq_domain *parent,
			 const struct irq_msi_store_info *info);
/* Unmasked in the device as last told. */
bool irq_msi_store_open(const struct irq_msi_store *s, uint32_t slot);

extern const struct irq_domain_ops irq_msi_store_domain_ops;
extern const struct irq_domain_ops irq_msi_store_slow_domain_ops;

#endif
