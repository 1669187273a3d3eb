/* SPDX-License-Identifier: MIT */
/*
 * A virtual IMS device on QEMU's edu (docs/platform.md, "edu"): the slots live in the
 * device's own 4 KiB buffer and only its DMA engine reaches them. Each slot
 * is 16 bytes: address low, address high, data, control. Firing a slot is
 * the device's own action: it reads the slot and, unless it is masked,
 * posts the slot's data to the slot's address as a DMA write of its own,
 * so the message never passes through the CPU. A masked slot keeps the
 * fire pending; unmasking posts it.
 *
 * Every step is one edu DMA (100 ms of virtual time; ~0.7 ms of wall time
 * under -icount): a slot write is 2 (write, read back), a fire 2, a mask
 * change 2 or 3.
 */
#ifndef DOORBELL_IMS_EDU_H
#define DOORBELL_IMS_EDU_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/ims/ims_domain.h"
#include "drivers/pci/dev_edu.h"
#include "kernel/spinlock.h"

#define IMS_EDU_SLOT_SIZE    16u
#define IMS_EDU_MAX_SLOTS    240u   /* 0x000..0xEFF of the buffer */
#define IMS_EDU_SCRATCH      0xf00u /* buffer offset used by the DMA probe */
#define IMS_EDU_CTRL_MASKED  (1u << 0)
#define IMS_EDU_CTRL_PENDING (1u << 1)

/* One slot as the device holds it. */
struct ims_edu_slot {
	struct msi_msg msg;
	uint32_t ctrl;
};

struct ims_edu {
	struct edu_dev edu;
	uint32_t slot_count;
	uint64_t bounce;     /* two pages of RAM the device reads and writes */
	uint64_t bounce_bus; /* their address as the device sees it (kernel/dma.h) */
	bool bounce_mapped;
	struct spinlock lock;
	struct ims_storage storage;
	/* the DMA probe: where the device read, what it got, what the CPU read there */
	uint64_t probe_addr;
	uint32_t probe_seen, probe_want;
	/* counts */
	uint64_t dma_count, fires, posted, held;
	uint64_t post_counter; /* arch counter when the last post's DMA was started (bench) */
	int last_error;
};

/*
 * Find the instance-th edu, prove that its DMA reaches a high address
 * unclamped, and set all slot_count slots to masked and empty (written and
 * read back). 0, or -ENODEV (no edu), -EINVAL (slot count), -ENOMEM,
 * -EIO (DMA clamped or slots not read back as written: *reason says which),
 * -ETIMEDOUT, or dma_map's errors; on error the device is released. The
 * bounce pages (and, for the probe, BAR0's page) are mapped for the
 * device's requester id with dma_map, so an IOMMU that translates its
 * stream lets them through; close unmaps them.
 */
int ims_edu_open(struct ims_edu *d, unsigned instance, uint32_t slot_count, const char **reason);
void ims_edu_close(struct ims_edu *d);
/* The storage to register with ims_domain_create (dev = d). */
const struct ims_storage *ims_edu_storage(struct ims_edu *d);

/*
 * The device fires slot: 1 when it posted the slot's message, 0 when the
 * slot is masked (the fire is kept pending), or a negative errno.
 */
int ims_edu_fire(struct ims_edu *d, uint32_t slot);
/* Read a slot back from the device: 0 or errno. */
int ims_edu_read_slot(struct ims_edu *d, uint32_t slot, struct ims_edu_slot *out);
/*
 * Store a slot directly, bypassing the IMS domain (what a buggy or hostile
 * driver could do: a forged message), verified by reading back: 0 or errno.
 */
int ims_edu_store_slot(struct ims_edu *d, uint32_t slot, const struct ims_edu_slot *s);

#endif
