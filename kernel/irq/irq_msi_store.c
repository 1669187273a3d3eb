/* SPDX-License-Identifier: MIT */
/* The message-storage bus level: used/live/unmasked slots over a device's slot ops. */
#include "kernel/irq/irq_msi_store.h"

#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_bitmap.h"

static void irq_msi_store_assign(uint64_t *map, uint32_t slot, bool on)
{
	if (on)
		irq_bitmap_set(map, slot);
	else
		irq_bitmap_clear(map, slot);
}

bool irq_msi_store_open(const struct irq_msi_store *s, uint32_t slot)
{
	return slot < s->info.slot_count && irq_bitmap_test(s->dev_open, slot);
}

static void irq_msi_store_mask_error(struct irq_msi_store *s, int err)
{
	s->mask_errors++;
	s->last_mask_error = err;
}

/* Tell the device only what changed (force: whatever it was told before). */
static void irq_msi_store_tell(struct irq_msi_store *s, uint32_t slot, bool force)
{
	const struct irq_msi_slot_ops *ops = s->info.ops;
	bool open = irq_bitmap_test(s->live, slot) && irq_bitmap_test(s->unmasked, slot);
	if (!force && open == irq_bitmap_test(s->dev_open, slot))
		return;
	int err = open ? ops->unmask(s->info.dev, slot) : ops->mask(s->info.dev, slot);
	if (err) {
		irq_msi_store_mask_error(s, err);
		return;
	}
	irq_msi_store_assign(s->dev_open, slot, open);
}

/* The mask state of slot changed: tell the device now, or at bus_sync on a slow store. */
static void irq_msi_store_sync(struct irq_msi_store *s, uint32_t slot, bool force)
{
	if (!s->info.pending) {
		irq_msi_store_tell(s, slot, force);
		return;
	}
	irq_bitmap_set(s->mask_dirty, slot);
	if (force)
		irq_bitmap_set(s->mask_forced, slot);
}

static int irq_msi_store_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			       const struct irq_alloc_info *info)
{
	struct irq_msi_store *s = d->priv;
	uint32_t first = info->index.v;
	if (info->dev != s->info.owner)
		return -EINVAL;
	int err = irq_idalloc_alloc_at(&s->slots, first, nr); /* -EINVAL, -EBUSY */
	if (err)
		return err;
	err = irq_domain_alloc_parent(d, virq, nr, info);
	if (err) {
		irq_idalloc_free_range(&s->slots, first, nr);
		return err; /* no slot was touched */
	}
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		uint32_t slot = first + i;
		data->hwirq = HWIRQ(slot);
		data->chip_data = s;
		irq_msi_store_assign(s->live, slot, false);
		irq_msi_store_assign(s->unmasked, slot, false);
		irq_msi_store_sync(s, slot, true); /* interrupts start masked (irq.h) */
	}
	return 0;
}

static void irq_msi_store_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct irq_msi_store *s = d->priv;
	const struct irq_msi_slot_ops *ops = s->info.ops;
	for (uint32_t i = 0; i < nr; i++) {
		uint32_t slot = irq_domain_get_data(d, VIRQ(virq.v + i))->hwirq.v;
		irq_idalloc_free(&s->slots, slot);
		irq_bitmap_clear(s->msg_pending, slot);
		irq_msi_store_assign(s->live, slot, false);
		irq_msi_store_assign(s->unmasked, slot, false);
		irq_msi_store_sync(s, slot, false);
		if (ops->release)
			ops->release(s->info.dev, slot);
	}
	if (s->slots.used == 0 && ops->disable)
		ops->disable(s->info.dev);
}

static int irq_msi_store_activate(struct irq_data *data)
{
	struct irq_msi_store *s = data->chip_data;
	if (s->active_count++ == 0 && s->info.ops->enable)
		s->info.ops->enable(s->info.dev);
	return 0;
}

static void irq_msi_store_deactivate(struct irq_data *data)
{
	struct irq_msi_store *s = data->chip_data;
	irq_msi_store_assign(s->live, data->hwirq.v, false);
	irq_bitmap_clear(s->msg_pending, data->hwirq.v); /* a dead slot gets no message */
	irq_msi_store_sync(s, data->hwirq.v, false);
	if (s->active_count && --s->active_count == 0 && s->info.ops->disable)
		s->info.ops->disable(s->info.dev);
}

static int irq_msi_store_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	struct irq_msi_store *s = data->chip_data;
	const struct irq_msi_slot_ops *ops = s->info.ops;
	uint32_t slot = data->hwirq.v;
	if (s->info.pending) {
		s->info.pending[slot] = *msg;
		irq_bitmap_set(s->msg_pending, slot);
		irq_msi_store_sync(s, slot, false); /* once live, it opens if unmasked */
		return 0;                           /* written by bus_sync */
	}
	if (s->info.mask_to_write) {
		/* Masked around the rewrite whatever was told before. */
		int err = ops->mask(s->info.dev, slot);
		if (err) {
			irq_msi_store_mask_error(s, err);
			return err;
		}
		irq_msi_store_assign(s->dev_open, slot, false);
	}
	int err = ops->write_msg(s->info.dev, slot, msg);
	if (err)
		return err; /* the slot holds what it held */
	irq_msi_store_assign(s->live, slot, true);
	irq_msi_store_sync(s, slot, false);
	return 0;
}

static void irq_msi_store_mask(struct irq_data *data)
{
	struct irq_msi_store *s = data->chip_data;
	irq_msi_store_assign(s->unmasked, data->hwirq.v, false);
	irq_msi_store_sync(s, data->hwirq.v, false);
}

static void irq_msi_store_unmask(struct irq_data *data)
{
	struct irq_msi_store *s = data->chip_data;
	irq_msi_store_assign(s->unmasked, data->hwirq.v, true);
	irq_msi_store_sync(s, data->hwirq.v, false);
}

static int irq_msi_store_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct irq_msi_store *s = data->chip_data;
	uint32_t slot = data->hwirq.v;
	bool open = irq_msi_store_open(s, slot);
	if (s->info.ops->show)
		return s->info.ops->show(s->info.dev, slot, open, buf, size);
	return snprintf(buf, size, "slot %u%s", slot, open ? "" : " masked");
}

static void irq_msi_store_bus_lock(struct irq_domain *d)
{
	struct irq_msi_store *s = d->priv;
	spin_lock(&s->bus_lock);
}

/* The recorded messages first (a slot goes live once written), then the masks. */
static int irq_msi_store_bus_sync(struct irq_domain *d)
{
	struct irq_msi_store *s = d->priv;
	const struct irq_msi_slot_ops *ops = s->info.ops;
	int first_err = 0;
	for (uint32_t slot = 0; slot < s->info.slot_count; slot++) {
		if (!irq_bitmap_test(s->msg_pending, slot))
			continue;
		irq_bitmap_clear(s->msg_pending, slot);
		int err = ops->write_msg(s->info.dev, slot, &s->info.pending[slot]);
		if (err && !first_err)
			first_err = err; /* the slot holds what it held */
		if (!err)
			irq_msi_store_assign(s->live, slot, true);
	}
	for (uint32_t slot = 0; slot < s->info.slot_count; slot++) {
		if (!irq_bitmap_test(s->mask_dirty, slot))
			continue;
		bool force = irq_bitmap_test(s->mask_forced, slot);
		irq_bitmap_clear(s->mask_dirty, slot);
		irq_bitmap_clear(s->mask_forced, slot);
		irq_msi_store_tell(s, slot, force);
	}
	return first_err;
}

static void irq_msi_store_bus_unlock(struct irq_domain *d)
{
	struct irq_msi_store *s = d->priv;
	spin_unlock(&s->bus_lock);
}

const struct irq_domain_ops irq_msi_store_slow_domain_ops = {
	.alloc = irq_msi_store_alloc,
	.free = irq_msi_store_free,
	.activate = irq_msi_store_activate,
	.deactivate = irq_msi_store_deactivate,
	.write_msg = irq_msi_store_write_msg,
	.mask = irq_msi_store_mask,
	.unmask = irq_msi_store_unmask,
	.bus_lock = irq_msi_store_bus_lock,
	.bus_sync = irq_msi_store_bus_sync,
	.bus_unlock = irq_msi_store_bus_unlock,
	.show = irq_msi_store_show,
};

const struct irq_domain_ops irq_msi_store_domain_ops = {
	.alloc = irq_msi_store_alloc,
	.free = irq_msi_store_free,
	.activate = irq_msi_store_activate,
	.deactivate = irq_msi_store_deactivate,
	.write_msg = irq_msi_store_write_msg,
	.mask = irq_msi_store_mask,
	.unmask = irq_msi_store_unmask,
	.show = irq_msi_store_show,
};

int irq_msi_store_create(struct irq_msi_store *s, struct irq_domain *d, struct irq_domain *parent,
			 const struct irq_msi_store_info *info)
{
	if (!s || !d || !info || !info->ops || !info->ops->write_msg || !info->ops->mask ||
	    !info->ops->unmask || !info->dev)
		return -EINVAL;
	if (info->slot_count == 0 || info->slot_count > IRQ_MSI_STORE_MAX_SLOTS)
		return -EINVAL;
	if (info->pending && (info->ops->enable || info->ops->disable || info->ops->release))
		return -EINVAL; /* a slow device is told only from bus_sync */
	memset(s, 0, sizeof(*s));
	s->info = *info;
	irq_idalloc_init(&s->slots, s->slot_map, 0, info->slot_count);
	struct irq_domain_info di = {
		.name = info->name,
		.kind = IRQ_DOMAIN_KIND_BUS,
		.parent = parent,
		.ops = info->pending ? &irq_msi_store_slow_domain_ops : &irq_msi_store_domain_ops,
		.priv = s,
	};
	return irq_domain_create(d, &di);
}
