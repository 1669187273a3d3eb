/* SPDX-License-Identifier: MIT */
/* Activation, the message path (compose + write), mask and unmask. */
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_desc.h"

void irq_desc_deactivate_levels(struct irq_data *levels[], uint32_t from)
{
	for (uint32_t i = from; i-- > 0;) {
		struct irq_data *data = levels[i];
		if (!(data->flags & IRQ_DATA_ACTIVATED))
			continue;
		if (data->domain->ops->deactivate)
			data->domain->ops->deactivate(data);
		data->flags &= ~IRQ_DATA_ACTIVATED;
	}
}

enum irq_op {
	IRQ_OP_COMPOSE,
	IRQ_OP_WRITE_MSG,
	IRQ_OP_MASK,
	IRQ_OP_UNMASK,
};

static bool irq_op_present(const struct irq_domain_ops *ops, enum irq_op op)
{
	switch (op) {
	case IRQ_OP_COMPOSE: return ops->compose != NULL;
	case IRQ_OP_WRITE_MSG: return ops->write_msg != NULL;
	case IRQ_OP_MASK: return ops->mask != NULL;
	case IRQ_OP_UNMASK: return ops->unmask != NULL;
	}
	return false;
}

/*
 * Linux's rule (irq_chip_compose_msi_msg): walking down from the bus, the
 * first level that composes wins. A remap level therefore overrides the
 * vector level's compatibility format with its remappable one, and the
 * vector level composes only when nothing sits between it and the bus.
 * The same walk finds the level that writes (the bus) and the one that masks
 * (nearest the device: it stops the source, not a later stage).
 */
static struct irq_data *irq_desc_find_op(const struct irq_desc *desc, enum irq_op op)
{
	for (struct irq_data *data = desc->top; data; data = data->parent_data)
		if (irq_op_present(data->domain->ops, op))
			return data;
	return NULL;
}

int irq_desc_update_msg(struct irq_desc *desc)
{
	struct irq_data *composer = irq_desc_find_op(desc, IRQ_OP_COMPOSE);
	if (!composer)
		return 0; /* not a message-signalled chain (e.g. a wired fault interrupt) */

	struct msi_msg msg = {0};
	struct irq_data *writer = irq_desc_find_op(desc, IRQ_OP_WRITE_MSG);
	int err = composer->domain->ops->compose(composer, &msg);
	if (err && !writer) {
		/*
		 * Nobody stores the message (a vector-domain interrupt raised by
		 * IPI): one the format cannot express (x86: an APIC ID above 255
		 * in compatibility format) is no error; there is just none.
		 */
		desc->msg_valid = false;
		return 0;
	}
	if (err)
		return err;
	if (writer) {
		err = writer->domain->ops->write_msg(writer, &msg);
		if (err)
			return err;
	}
	desc->msg = msg;
	desc->msg_valid = true;
	return 0;
}

/* The device refused the message at the bus sync: undo the activation as a failed write_msg. */
static void irq_activate_undo(struct irq_entry *e, struct irq_desc *desc)
{
	irq_entry_relock_desc(e);
	struct irq_data *levels[IRQ_MAX_DEPTH];
	uint32_t n = irq_desc_levels(desc, levels);
	irq_desc_deactivate_levels(levels, n);
	desc->state &= ~IRQ_STATE_ACTIVATED;
	desc->msg_valid = false;
	irq_entry_unlock_desc(e);
	irq_entry_sync(e); /* the masks the deactivation recorded */
}

int irq_activate(virq_t virq)
{
	int err = 0;
	bool activated = false;
	struct irq_entry e;
	irq_entry_lock(&e, virq, 1);

	struct irq_desc *desc = irq_desc_get(virq);
	if (!desc || !irq_entry_covers(&e, desc)) {
		err = -EINVAL;
		goto out;
	}
	if (desc->state & IRQ_STATE_ACTIVATED)
		goto out;

	struct irq_data *levels[IRQ_MAX_DEPTH];
	uint32_t n = irq_desc_levels(desc, levels);
	/* Parents first: a level programs its hardware to point at a live parent. */
	for (uint32_t i = 0; i < n; i++) {
		struct irq_data *data = levels[i];
		if (data->domain->ops->activate) {
			err = data->domain->ops->activate(data);
			if (err) {
				irq_desc_deactivate_levels(levels, i);
				goto out;
			}
		}
		data->flags |= IRQ_DATA_ACTIVATED;
	}
	err = irq_desc_update_msg(desc);
	if (err) {
		irq_desc_deactivate_levels(levels, n);
		goto out;
	}
	desc->state |= IRQ_STATE_ACTIVATED;
	activated = true;
out:
	irq_entry_unlock_desc(&e);
	int serr = irq_entry_sync(&e);
	if (serr && activated) {
		irq_activate_undo(&e, desc);
		err = serr;
	}
	irq_entry_end(&e);
	return err;
}

int irq_deactivate(virq_t virq)
{
	int err = 0;
	struct irq_entry e;
	irq_entry_lock(&e, virq, 1);

	struct irq_desc *desc = irq_desc_get(virq);
	if (!desc || !irq_entry_covers(&e, desc)) {
		err = -EINVAL;
		goto out;
	}
	struct irq_data *levels[IRQ_MAX_DEPTH];
	uint32_t n = irq_desc_levels(desc, levels);
	irq_desc_deactivate_levels(levels, n);
	desc->state &= ~IRQ_STATE_ACTIVATED;
	desc->msg_valid = false;
out:
	irq_entry_unlock_desc(&e);
	irq_entry_sync(&e);
	irq_entry_end(&e);
	return err;
}

static int irq_mask_set(virq_t virq, bool mask)
{
	int err = 0;
	struct irq_entry e;
	irq_entry_lock(&e, virq, 1);

	struct irq_desc *desc = irq_desc_get(virq);
	if (!desc || !irq_entry_covers(&e, desc)) {
		err = -EINVAL;
		goto out;
	}
	struct irq_data *data = irq_desc_find_op(desc, mask ? IRQ_OP_MASK : IRQ_OP_UNMASK);
	if (!data) {
		err = -EOPNOTSUPP;
		goto out;
	}
	if (mask) {
		data->domain->ops->mask(data);
		desc->state |= IRQ_STATE_MASKED;
	} else {
		data->domain->ops->unmask(data);
		desc->state &= ~IRQ_STATE_MASKED;
	}
out:
	irq_entry_unlock_desc(&e);
	irq_entry_sync(&e); /* a mask the device refused is the bus level's count */
	irq_entry_end(&e);
	return err;
}

int irq_mask(virq_t virq)
{
	return irq_mask_set(virq, true);
}

int irq_unmask(virq_t virq)
{
	return irq_mask_set(virq, false);
}
