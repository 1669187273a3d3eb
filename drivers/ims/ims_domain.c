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

/* Tell the device only what changed: a device op may be slow (a DMA). */
static void ims_sync_mask(struct ims_domain *im, uint32_t slot, bool force)
{
	bool open = ims_test(im->live, slot) && ims_test(im->unmasked, slot);
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
	int err = irq_idalloc_alloc_at(&im->slots, first, nr); /* -EINVAL, -EBUSY */
	if (err)
		return err;
	err = irq_domain_alloc_parent(d, virq, nr, info);
	if (err) {
		irq_idalloc_free_range(&im->slots, first, nr);
		return err; /* no slot was touched */
	}

	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		uint32_t slot = first + i;
		data->hwirq = HWIRQ(slot);
		data->chip_data = im;
		ims_assign(im->live, slot, false);
		ims_assign(im->unmasked, slot, false);
		ims_sync_mask(im, slot, true); /* interrupts start masked (irq.h) */
	}
	return 0;
}

static void ims_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct ims_domain *im = d->priv;
	for (uint32_t i = 0; i < nr; i++) {
		uint32_t slot = irq_domain_get_data(d, VIRQ(virq.v + i))->hwirq.v;
		irq_idalloc_free(&im->slots, slot);
		ims_assign(im->live, slot, false);
		ims_assign(im->unmasked, slot, false);
		ims_sync_mask(im, slot, false);
	}
}

static void ims_deactivate(struct irq_data *data)
{
	struct ims_domain *im = data->chip_data;
	ims_assign(im->live, data->hwirq.v, false);
	ims_sync_mask(im, data->hwirq.v, false);
}

static int ims_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	struct ims_domain *im = data->chip_data;
	uint32_t slot = data->hwirq.v;
	int err = im->st.ops->write_msg(im->st.dev, slot, msg);
	if (err)
		return err; /* the slot holds what it held */
	ims_assign(im->live, slot, true);
	ims_sync_mask(im, slot, false);
	return 0;
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
	irq_idalloc_init(&im->slots, im->slot_map, 0, st->slot_count);
	snprintf(im->name, sizeof(im->name), "ims-%s", st->name ? st->name : "dev");
	struct irq_domain_info info = {
		.name = im->name,
		.kind = "bus",
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
