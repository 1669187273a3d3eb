/* SPDX-License-Identifier: MIT */
#include "drivers/ims/ims_edu.h"

#include <string.h>

#include "arch/hooks.h"
#include "drivers/pci/pci_mmio.h"
#include "kernel/dma.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"

#define BOUNCE_PAGES 2

static volatile uint32_t *ims_edu_bounce(const struct ims_edu *d)
{
	return (volatile uint32_t *)(uintptr_t)d->bounce;
}

static uint32_t ims_edu_slot_off(uint32_t slot)
{
	return slot * IMS_EDU_SLOT_SIZE;
}

/* Count the device's transfers and remember the last failure. */
static int ims_edu_note(struct ims_edu *d, int err)
{
	d->dma_count++;
	if (err)
		d->last_error = err;
	return err;
}

static int ims_edu_to_dev(struct ims_edu *d, uint32_t bounce_off, uint32_t buf_off, uint32_t n)
{
	return ims_edu_note(d, edu_dma_from_ram(&d->edu, d->bounce_bus + bounce_off, buf_off, n,
						EDU_DMA_WAIT_US));
}

static int ims_edu_to_ram(struct ims_edu *d, uint32_t buf_off, uint32_t bounce_off, uint32_t n)
{
	return ims_edu_note(d, edu_dma_to_ram(&d->edu, buf_off, d->bounce_bus + bounce_off, n,
					      EDU_DMA_WAIT_US));
}

/* Slot -> bounce[0..3]: lock held. */
static int ims_edu_load(struct ims_edu *d, uint32_t slot, struct ims_edu_slot *out)
{
	volatile uint32_t *b = ims_edu_bounce(d);
	b[0] = b[1] = b[2] = b[3] = 0xdeadbeefu; /* a read that did not land must not look valid */
	int err = ims_edu_to_ram(d, ims_edu_slot_off(slot), 0, IMS_EDU_SLOT_SIZE);
	if (err)
		return err;
	out->msg.address_lo = b[0];
	out->msg.address_hi = b[1];
	out->msg.data = b[2];
	out->ctrl = b[3];
	return 0;
}

static int ims_edu_put_ctrl(struct ims_edu *d, uint32_t slot, uint32_t ctrl)
{
	ims_edu_bounce(d)[4] = ctrl;
	return ims_edu_to_dev(d, 16, ims_edu_slot_off(slot) + 12, 4);
}

/* The device's own write of the slot's data to the slot's address. */
static int ims_edu_post(struct ims_edu *d, uint32_t slot, const struct ims_edu_slot *s)
{
	uint64_t addr = (uint64_t)s->msg.address_hi << 32 | s->msg.address_lo;
	d->post_counter = arch_counter_read();
	int err = ims_edu_note(
		d, edu_dma_to_ram(&d->edu, ims_edu_slot_off(slot) + 8, addr, 4, EDU_DMA_WAIT_US));
	if (!err)
		d->posted++;
	return err;
}

/* Write a whole slot and read it back: lock held. */
static int ims_edu_store_locked(struct ims_edu *d, uint32_t slot, const struct msi_msg *msg,
				const uint32_t *ctrl)
{
	volatile uint32_t *b = ims_edu_bounce(d);
	b[8] = msg->address_lo;
	b[9] = msg->address_hi;
	b[10] = msg->data;
	uint32_t n = 12;
	if (ctrl) {
		b[11] = *ctrl;
		n = 16;
	}
	int err = ims_edu_to_dev(d, 32, ims_edu_slot_off(slot), n);
	if (err)
		return err;
	struct ims_edu_slot back;
	err = ims_edu_load(d, slot, &back);
	if (err)
		return err;
	if (!msi_msg_eq(&back.msg, msg) || (ctrl && back.ctrl != *ctrl))
		return d->last_error = -EIO;
	return 0;
}

static int ims_edu_op_write(void *dev, uint32_t slot, const struct msi_msg *msg)
{
	struct ims_edu *d = dev;
	if (slot >= d->slot_count)
		return -EINVAL;
	spin_lock(&d->lock);
	int err = ims_edu_store_locked(d, slot, msg, 0);
	spin_unlock(&d->lock);
	return err;
}

static int ims_edu_op_mask(void *dev, uint32_t slot)
{
	struct ims_edu *d = dev;
	struct ims_edu_slot s;
	if (slot >= d->slot_count)
		return -EINVAL;
	spin_lock(&d->lock);
	int err = ims_edu_load(d, slot, &s);
	if (!err && !(s.ctrl & IMS_EDU_CTRL_MASKED))
		err = ims_edu_put_ctrl(d, slot, s.ctrl | IMS_EDU_CTRL_MASKED);
	spin_unlock(&d->lock);
	return err;
}

/* Unmasking a slot with a pending fire posts it, once. */
static int ims_edu_op_unmask(void *dev, uint32_t slot)
{
	struct ims_edu *d = dev;
	struct ims_edu_slot s;
	if (slot >= d->slot_count)
		return -EINVAL;
	spin_lock(&d->lock);
	int err = ims_edu_load(d, slot, &s);
	if (!err && (s.ctrl & (IMS_EDU_CTRL_MASKED | IMS_EDU_CTRL_PENDING)))
		err = ims_edu_put_ctrl(d, slot,
				       s.ctrl & ~(IMS_EDU_CTRL_MASKED | IMS_EDU_CTRL_PENDING));
	if (!err && (s.ctrl & IMS_EDU_CTRL_PENDING))
		err = ims_edu_post(d, slot, &s);
	spin_unlock(&d->lock);
	return err;
}

static const struct irq_msi_slot_ops ims_edu_ops = {
	.write_msg = ims_edu_op_write,
	.mask = ims_edu_op_mask,
	.unmask = ims_edu_op_unmask,
};

int ims_edu_fire(struct ims_edu *d, uint32_t slot)
{
	struct ims_edu_slot s;
	if (slot >= d->slot_count)
		return -EINVAL;
	spin_lock(&d->lock);
	d->fires++;
	int err = ims_edu_load(d, slot, &s);
	if (!err && (s.ctrl & IMS_EDU_CTRL_MASKED)) {
		d->held++;
		if (!(s.ctrl & IMS_EDU_CTRL_PENDING))
			err = ims_edu_put_ctrl(d, slot, s.ctrl | IMS_EDU_CTRL_PENDING);
		spin_unlock(&d->lock);
		return err ? err : 0;
	}
	if (!err)
		err = ims_edu_post(d, slot, &s);
	spin_unlock(&d->lock);
	return err ? err : 1;
}

int ims_edu_read_slot(struct ims_edu *d, uint32_t slot, struct ims_edu_slot *out)
{
	if (slot >= d->slot_count)
		return -EINVAL;
	spin_lock(&d->lock);
	int err = ims_edu_load(d, slot, out);
	spin_unlock(&d->lock);
	return err;
}

int ims_edu_store_slot(struct ims_edu *d, uint32_t slot, const struct ims_edu_slot *s)
{
	if (slot >= d->slot_count)
		return -EINVAL;
	spin_lock(&d->lock);
	int err = ims_edu_store_locked(d, slot, &s->msg, &s->ctrl);
	spin_unlock(&d->lock);
	return err;
}

/*
 * The device reads its own ID register through the bus at BAR0, a high
 * address: with QEMU's default 28-bit DMA mask the read is clamped to low
 * RAM and returns something else (docs/platform.md, "edu": a clamped write would land in
 * guest RAM, so nothing is written before this holds).
 */
static int ims_edu_probe_dma(struct ims_edu *d, const char **reason)
{
	d->probe_addr = d->edu.regs + EDU_REG_ID;
	d->probe_want = pci_mmio_read32(d->probe_addr);
	if (d->probe_addr < (1ull << 28)) {
		*reason = "edu BAR0 lies below 256 MiB: a clamped DMA address cannot be detected";
		return -EIO;
	}
	uint32_t rid = pci_dev_rid(d->edu.pci);
	uint64_t bus;
	int err = dma_map(rid, d->probe_addr, 4, &bus);
	if (err) {
		*reason = "BAR0 could not be mapped for the device's own DMA";
		return err;
	}
	err = ims_edu_note(d, edu_dma_from_ram(&d->edu, bus, IMS_EDU_SCRATCH, 4, EDU_DMA_WAIT_US));
	if (!err || !edu_dma_busy(&d->edu))
		dma_unmap(rid, bus, 4); /* a transfer still running keeps its mapping */
	volatile uint32_t *b = ims_edu_bounce(d);
	b[0] = ~d->probe_want;
	if (!err)
		err = ims_edu_to_ram(d, IMS_EDU_SCRATCH, 0, 4);
	if (err) {
		*reason = "the edu DMA engine did not complete";
		return err;
	}
	d->probe_seen = b[0];
	if (d->probe_seen != d->probe_want) {
		*reason = "edu DMA is clamped below the address it was given (QEMU's default "
			  "28-bit dma_mask): start it with -device edu,dma_mask=0xffffffffffffffff";
		return -EIO;
	}
	return 0;
}

/* Every slot masked and empty, in one transfer, read back in one. */
static int ims_edu_reset_slots(struct ims_edu *d, const char **reason)
{
	uint32_t n = d->slot_count * IMS_EDU_SLOT_SIZE;
	volatile uint32_t *table = ims_edu_bounce(d) + PAGE_SIZE / 4;
	for (uint32_t i = 0; i < n / 4; i++)
		table[i] = i % 4 == 3 ? IMS_EDU_CTRL_MASKED : 0;
	int err = ims_edu_to_dev(d, PAGE_SIZE, 0, n);
	for (uint32_t i = 0; !err && i < n / 4; i++)
		table[i] = 0xdeadbeefu;
	if (!err)
		err = ims_edu_to_ram(d, 0, PAGE_SIZE, n);
	for (uint32_t i = 0; !err && i < n / 4; i++)
		if (table[i] != (i % 4 == 3 ? IMS_EDU_CTRL_MASKED : 0))
			err = -EIO;
	if (err)
		*reason = err == -EIO ? "the slot table did not read back as written"
				      : "the edu DMA engine did not complete";
	return err;
}

int ims_edu_open(struct ims_edu *d, unsigned instance, uint32_t slot_count, const char **reason)
{
	const char *why = NULL;
	memset(d, 0, sizeof(*d));
	int err = -EINVAL;
	if (slot_count == 0 || slot_count > IMS_EDU_MAX_SLOTS) {
		why = "slot count out of range";
		goto out;
	}
	err = edu_probe(&d->edu, instance);
	if (err) {
		why = "no edu device (1234:11e8) answers";
		goto out;
	}
	d->slot_count = slot_count;
	d->bounce = page_alloc(BOUNCE_PAGES);
	if (!d->bounce) {
		edu_release(&d->edu);
		why = "no memory for the DMA bounce pages";
		err = -ENOMEM;
		goto out;
	}
	err = dma_map(pci_dev_rid(d->edu.pci), d->bounce, BOUNCE_PAGES * PAGE_SIZE, &d->bounce_bus);
	d->bounce_mapped = err == 0;
	if (err)
		why = "the DMA bounce pages could not be mapped for the device";
	else
		err = ims_edu_probe_dma(d, &why);
	if (!err)
		err = ims_edu_reset_slots(d, &why);
	if (err) {
		ims_edu_close(d);
		goto out;
	}
	d->storage = (struct ims_storage){
		.name = "edu",
		.slot_count = slot_count,
		.dev = d,
		.ops = &ims_edu_ops,
	};
out:
	if (reason)
		*reason = why;
	return err;
}

/* A device still busy (a transfer that timed out) keeps its pages: it may yet write them. */
void ims_edu_close(struct ims_edu *d)
{
	if (d->edu.pci && edu_dma_busy(&d->edu))
		return;
	if (d->bounce_mapped)
		dma_unmap(pci_dev_rid(d->edu.pci), d->bounce_bus, BOUNCE_PAGES * PAGE_SIZE);
	d->bounce_mapped = false;
	edu_release(&d->edu);
	if (d->bounce)
		page_free(d->bounce, BOUNCE_PAGES);
	d->bounce = 0;
}

const struct ims_storage *ims_edu_storage(struct ims_edu *d)
{
	return &d->storage;
}
