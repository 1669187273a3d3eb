/* SPDX-License-Identifier: MIT */
/*
 * Moving an interrupt to another CPU without ever losing the old routing.
 *
 * Stage, then commit or revert: the levels stage the move bottom-up (the
 * vector level takes a new vector and maps it while the old one stays
 * mapped; the remap level points its IRTE at the new vector). A level that
 * absorbs the move (DONE) ends the walk: the message the device holds is
 * still right. If the top answer is UPDATE_MSG the core recomposes and the
 * bus level writes the new message. Only then does every staged level commit
 * (release the old vector). If a level or the compose fails, the staged
 * levels revert top-down, so no entry is left pointing at a resource that is
 * being given back, and the device's message was never touched.
 */
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_desc.h"

static void irq_affinity_revert(struct irq_data *staged[], uint32_t n)
{
	for (uint32_t i = n; i-- > 0;)
		staged[i]->domain->ops->set_affinity_revert(staged[i]);
}

/* Top-down too: the upper levels stop using the old resources before they go. */
static void irq_affinity_commit(struct irq_data *staged[], uint32_t n)
{
	for (uint32_t i = n; i-- > 0;)
		staged[i]->domain->ops->set_affinity_commit(staged[i]);
}

/*
 * A slow bus recorded the new message: write it with the descriptor and
 * core locks dropped (the bus lock keeps every other entry point off this
 * interrupt), then take them back. On failure the device holds the old
 * message: so does the descriptor.
 */
static int irq_affinity_sync(struct irq_entry *e, struct irq_desc *desc, const struct msi_msg *old,
			     bool old_valid)
{
	irq_entry_unlock_desc(e);
	int err = irq_entry_sync(e);
	irq_entry_relock_desc(e);
	if (err) {
		desc->msg = *old;
		desc->msg_valid = old_valid;
	}
	return err;
}

int irq_set_affinity(virq_t virq, irq_cpu_t cpu)
{
	struct irq_data *levels[IRQ_MAX_DEPTH];
	struct irq_data *staged[IRQ_MAX_DEPTH];
	uint32_t staged_n = 0;
	bool update_msg = false;
	int err = 0;

	struct irq_entry e;
	irq_entry_lock(&e, virq, 1);
	struct irq_desc *desc = irq_desc_get(virq);
	if (!desc || !irq_entry_covers(&e, desc) || !irq_cpu_online(cpu)) {
		err = -EINVAL;
		goto out;
	}
	if (irq_cpu_eq(desc->affinity, cpu))
		goto out;

	uint32_t n = irq_desc_levels(desc, levels);
	for (uint32_t i = 0; i < n; i++) {
		const struct irq_domain_ops *ops = levels[i]->domain->ops;
		if (!ops->set_affinity)
			continue;
		int r = ops->set_affinity(levels[i], cpu);
		if (r < 0) {
			err = r;
			goto revert;
		}
		staged[staged_n++] = levels[i];
		if (r != IRQ_SET_AFFINITY_UPDATE_MSG && r != IRQ_SET_AFFINITY_DONE) {
			err = -EPROTO; /* a level bug: undo what it may have staged too */
			goto revert;
		}
		update_msg = r == IRQ_SET_AFFINITY_UPDATE_MSG;
		if (r == IRQ_SET_AFFINITY_DONE)
			break;
	}
	if (staged_n == 0) {
		err = -EOPNOTSUPP;
		goto out;
	}
	if (update_msg && (desc->state & IRQ_STATE_ACTIVATED)) {
		struct msi_msg old = desc->msg;
		bool old_valid = desc->msg_valid;
		err = irq_desc_update_msg(desc);
		if (!err && e.bus.d)
			err = irq_affinity_sync(&e, desc, &old, old_valid);
		if (err)
			goto revert;
	}
	irq_affinity_commit(staged, staged_n);
	desc->affinity = cpu;
	goto out;

revert:
	irq_affinity_revert(staged, staged_n);
out:
	irq_entry_unlock_desc(&e);
	irq_entry_sync(&e);
	irq_entry_end(&e);
	return err;
}
