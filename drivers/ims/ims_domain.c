/* SPDX-License-Identifier: MIT */
/* The IMS bus level: slots, the device's per-slot mask, policy-gated creation. */
#include "drivers/ims/ims_domain.h"

#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq.h"

static bool ims_test(const uint64_t *map, uint32_t slot)
{
	return (map[slot / 64] >> (slot % 64)) & 1;
}

static void ims_assign(uint64_t *map, uint32_t slot, bool on)
{
	if (on)
		map[slot / 64] |= 1ull << (slot % 64);
	else
		map[slot / 64] &= ~(1ull << (slot % 64));
}

/*
 * Under the core's locks the ops only record what the device must be told
 * (ims_sync_mask, ims_write_msg); ims_bus_sync tells it with those locks
 * dropped.
 */
static void ims_sync_mask(struct ims_domain *im, uint32_t slot, bool force)
{
	ims_assign(im->mask_dirty, slot, true);
	if (force)
		ims_assign(im->mask_forced, slot, true);
}

/* Tell the device only what changed: a device op may be slow (a DMA). */
static void ims_tell_mask(struct ims_domain *im, uint32_t slot)
{
	bool open = ims_test(im->live, slot) && ims_test(im->unmasked, slot);
	if (!ims_test(im->mask_dirty, slot))
		return;
	bool force = ims_test(im->mask_forced, slot);
	ims_assign(im->mask_dirty, slot, false);
	ims_assign(im->mask_forced, slot, false);
	if (!force && open == ims_test(im->dev_open, slot))
		return;
	int err = open ? im->st.ops->unmask(im->st.dev, slot) : im->st.ops->mask(im->st.dev, slot);
	if (err) {
		im->mask_errors++;
		im->last_mask_error = err;
		return;
	}
	ims_assign(im->dev_open, slot, open);
}

static int ims_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		     const struct irq_alloc_info *info)
{
	struct ims_domain *im = d->priv;
	uint32_t first = info->index.v;
	if (info->dev != im->st.dev)
		return -EINVAL;
	if (first >= im->st.slot_count || nr > im->st.slot_count - first)
		return -EINVAL;
	for (uint32_t i = 0; i < nr; i++)
		if (ims_test(im->used, first + i))
			return -EBUSY;

	int err = irq_domain_alloc_parent(d, virq, nr, info);
	if (err)
		return err; /* no slot was touched */

	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		uint32_t slot = first + i;
		data->hwirq = HWIRQ(slot);
		data->chip_data = im;
		ims_assign(im->used, slot, true);
		ims_assign(im->live, slot, false);
		ims_assign(im->unmasked, slot, false);
		ims_sync_mask(im, slot, true); /* interrupts start masked (irq.h) */
	}
	im->used_count += nr;
	return 0;
}

static void ims_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct ims_domain *im = d->priv;
	for (uint32_t i = 0; i < nr; i++) {
		uint32_t slot = irq_domain_get_data(d, VIRQ(virq.v + i))->hwirq.v;
		ims_assign(im->used, slot, false);
		ims_assign(im->live, slot, false);
		ims_assign(im->unmasked, slot, false);
		ims_assign(im->msg_pending, slot, false);
		ims_sync_mask(im, slot, false);
	}
	im->used_count -= nr;
}

static void ims_deactivate(struct irq_data *data)
{
	struct ims_domain *im = data->chip_data;
	ims_assign(im->live, data->hwirq.v, false);
	ims_assign(im->msg_pending, data->hwirq.v, false); /* a dead slot gets no message */
	ims_sync_mask(im, data->hwirq.v, false);
}

static int ims_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	struct ims_domain *im = data->chip_data;
	uint32_t slot = data->hwirq.v;
	im->pending_msg[slot] = *msg;
	ims_assign(im->msg_pending, slot, true);
	ims_sync_mask(im, slot, false); /* once live, it opens if unmasked */
	return 0;                       /* written by ims_bus_sync */
}

static void ims_bus_lock(struct irq_domain *d)
{
	struct ims_domain *im = d->priv;
	spin_lock(&im->bus_lock);
}

/* The recorded messages first (a slot goes live once written), then the masks. */
static int ims_bus_sync(struct irq_domain *d)
{
	struct ims_domain *im = d->priv;
	int first_err = 0;
	for (uint32_t slot = 0; slot < im->st.slot_count; slot++) {
		if (!ims_test(im->msg_pending, slot))
			continue;
		ims_assign(im->msg_pending, slot, false);
		int err = im->st.ops->write_msg(im->st.dev, slot, &im->pending_msg[slot]);
		if (err && !first_err)
			first_err = err; /* the slot holds what it held */
		if (!err)
			ims_assign(im->live, slot, true);
	}
	for (uint32_t slot = 0; slot < im->st.slot_count; slot++)
		ims_tell_mask(im, slot);
	return first_err;
}

static void ims_bus_unlock(struct irq_domain *d)
{
	struct ims_domain *im = d->priv;
	spin_unlock(&im->bus_lock);
}

static void ims_mask(struct irq_data *data)
{
	struct ims_domain *im = data->chip_data;
	ims_assign(im->unmasked, data->hwirq.v, false);
	ims_sync_mask(im, data->hwirq.v, false);
}

static void ims_unmask(struct irq_data *data)
{
	struct ims_domain *im = data->chip_data;
	ims_assign(im->unmasked, data->hwirq.v, true);
	ims_sync_mask(im, data->hwirq.v, false);
}

static int ims_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct ims_domain *im = data->chip_data;
	uint32_t slot = data->hwirq.v;
	return snprintf(buf, size, "slot %u%s", slot,
			ims_test(im->dev_open, slot) ? "" : " masked");
}

const struct irq_domain_ops ims_domain_ops = {
	.alloc = ims_alloc,
	.free = ims_free,
	.deactivate = ims_deactivate,
	.write_msg = ims_write_msg,
	.mask = ims_mask,
	.unmask = ims_unmask,
	.bus_lock = ims_bus_lock,
	.bus_sync = ims_bus_sync,
	.bus_unlock = ims_bus_unlock,
	.show = ims_show,
};

int ims_domain_create(struct ims_domain *im, struct irq_domain *parent,
		      const struct ims_storage *st, const char **reason)
{
	const char *why = NULL;
	int err = -EINVAL;
	if (!im || !parent || !st || !st->ops || !st->ops->write_msg || !st->ops->mask ||
	    !st->ops->unmask || !st->dev) {
		why = "incomplete IMS storage";
		goto out;
	}
	if (st->slot_count == 0 || st->slot_count > IMS_MAX_SLOTS) {
		why = "slot count out of range";
		goto out;
	}
	/* Ask the chain before anything is set up: a refusal leaves nothing behind. */
	err = irq_domain_supports(parent, IRQ_FEATURE_IMS, &why);
	if (err)
		goto out;
	memset(im, 0, sizeof(*im));
	im->st = *st;
	snprintf(im->name, sizeof(im->name), "ims-%s", st->name ? st->name : "dev");
	struct irq_domain_info info = {
		.name = im->name,
		.kind = IRQ_DOMAIN_KIND_BUS,
		.parent = parent,
		.ops = &ims_domain_ops,
		.priv = im,
	};
	err = irq_domain_create(&im->domain, &info);
	if (err)
		why = "the irq core refused the domain";
out:
	if (reason)
		*reason = why;
	return err;
}

int ims_domain_remove(struct ims_domain *im)
{
	if (!im)
		return -EINVAL;
	return irq_domain_remove(&im->domain);
}
