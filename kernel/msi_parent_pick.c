/* SPDX-License-Identifier: MIT */
#include "kernel/msi_parent_pick.h"

void msi_parent_pick_ids(uint16_t segment, uint16_t rid, const struct acpi_iort_path *path,
			 struct irq_dev_ids *out)
{
	*out = (struct irq_dev_ids){
		.segment = segment, .rid = rid, .device_id = rid, .stream_id = rid};
	if (!path)
		return;
	if (path->its_node != ACPI_IORT_NO_NODE)
		out->device_id = path->device_id;
	if (path->has_smmu)
		out->stream_id = path->stream_id;
}

struct irq_domain *msi_parent_pick(struct irq_domain *remap, struct irq_domain *bottom)
{
	if (remap)
		return remap;
	/* A bottom domain that composes no message (arm64 LPIs) needs a remap level. */
	return bottom && bottom->ops && bottom->ops->compose ? bottom : 0;
}
