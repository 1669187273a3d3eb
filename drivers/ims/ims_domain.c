/* SPDX-License-Identifier: MIT */
/* The IMS bus level: a device's slots as message storage, policy-gated creation. */
#include "drivers/ims/ims_domain.h"

#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq/irq.h"

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
	struct irq_msi_store_info info = {
		.name = im->name,
		.dev = st->dev,
		.owner = st->dev,
		.slot_count = st->slot_count,
		.ops = st->ops,
		.mask_to_write = false,     /* write_msg is atomic towards the device's sends */
		.pending = im->pending_msg, /* a slow bus: written by bus_sync */
	};
	err = irq_msi_store_create(&im->store, &im->domain, parent, &info);
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
