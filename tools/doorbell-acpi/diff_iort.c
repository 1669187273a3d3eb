/* SPDX-License-Identifier: MIT */
/*
 * --diff of the IORT (Arm DEN0049): nodes by what they are (an SMMU by its
 * base, a root complex by its segment), their ID mappings per input range
 * (output base and reference, DEN0049 §3.4 ID mappings), ITS IDs and RMR
 * memory ranges.
 */
#include <inttypes.h>
#include <stdio.h>

#include "tools/doorbell-acpi/acpi_diff.h"

/* Position of node idx among the nodes of its type. */
static unsigned iort_ordinal(const struct acpi_iort *io, unsigned idx)
{
	unsigned k = 0;
	for (unsigned i = 0; i < idx; i++)
		k += io->node[i].type == io->node[idx].type;
	return k;
}

/* A name that does not depend on where the node sits in the table. */
static void iort_node_name(const struct acpi_iort *io, unsigned idx, char *buf, size_t len)
{
	if (idx >= io->node_count) {
		snprintf(buf, len, "(no node)");
		return;
	}
	const struct acpi_iort_node *n = &io->node[idx];
	switch (n->type) {
	case ACPI_IORT_ITS_GROUP: snprintf(buf, len, "ITS group %u", iort_ordinal(io, idx)); return;
	case ACPI_IORT_NAMED_COMPONENT: snprintf(buf, len, "NC %.40s", n->u.nc.name); return;
	case ACPI_IORT_ROOT_COMPLEX: snprintf(buf, len, "RC seg %u", n->u.rc.segment); return;
	case ACPI_IORT_SMMU: snprintf(buf, len, "SMMU@0x%" PRIx64, n->u.smmu.base); return;
	case ACPI_IORT_SMMUV3: snprintf(buf, len, "SMMUv3@0x%" PRIx64, n->u.smmuv3.base); return;
	case ACPI_IORT_PMCG: snprintf(buf, len, "PMCG@0x%" PRIx64, n->u.pmcg.page0); return;
	case ACPI_IORT_RMR: snprintf(buf, len, "RMR %u", iort_ordinal(io, idx)); return;
	}
	snprintf(buf, len, "node type %u #%u", n->type, iort_ordinal(io, idx));
}

static void iort_node_value(const struct acpi_iort_node *n, char *buf, size_t len)
{
	switch (n->type) {
	case ACPI_IORT_ROOT_COMPLEX:
		snprintf(buf, len, "ATS %s, %u-bit addresses", n->u.rc.ats & 1 ? "on" : "off",
			 n->u.rc.mem_addr_limit);
		return;
	case ACPI_IORT_SMMUV3:
		snprintf(buf, len, "model %u flags 0x%x", n->u.smmuv3.model, n->u.smmuv3.flags);
		return;
	case ACPI_IORT_SMMU: snprintf(buf, len, "model %u", n->u.smmu.model); return;
	case ACPI_IORT_RMR: snprintf(buf, len, "flags 0x%x", n->u.rmr.flags); return;
	}
	buf[0] = 0;
}

static void iort_node_items(const struct acpi_iort *io, unsigned idx, struct diff_items *l)
{
	const struct acpi_iort_node *n = &io->node[idx];
	char name[DIFF_KEY_LEN], val[DIFF_VAL_LEN], key[DIFF_KEY_LEN], out[DIFF_KEY_LEN];
	iort_node_name(io, idx, name, sizeof(name));
	diff_unique_key(l, name, sizeof(name));
	iort_node_value(n, val, sizeof(val));
	int parent = diff_item(l, -1, name, "%s", val);
	for (unsigned k = 0; k < n->map_count && n->map_first + k < io->mapping_count; k++) {
		const struct acpi_iort_mapping *m = &io->mapping[n->map_first + k];
		uint32_t last = m->input_base + m->id_count;
		if (last < m->input_base)
			last = UINT32_MAX;
		snprintf(key, sizeof(key), "%.60s ids 0x%x-0x%x", name, m->input_base, last);
		diff_unique_key(l, key, sizeof(key));
		iort_node_name(io, m->output_node, out, sizeof(out));
		diff_item(l, parent, key, "to %s base 0x%x%s", out, m->output_base,
			  m->flags & ACPI_IORT_ID_SINGLE_MAPPING ? " (single)" : "");
	}
	if (n->type == ACPI_IORT_ITS_GROUP)
		for (unsigned k = 0; k < n->u.its.count && n->u.its.first + k < io->its_id_count;
		     k++) {
			snprintf(key, sizeof(key), "%.60s ITS id %u", name,
				 io->its_id[n->u.its.first + k]);
			diff_item(l, parent, key, "%s", "");
		}
	if (n->type == ACPI_IORT_RMR)
		for (unsigned k = 0; k < n->u.rmr.count && n->u.rmr.first + k < io->rmr_range_count;
		     k++) {
			const struct acpi_iort_rmr_range *r = &io->rmr_range[n->u.rmr.first + k];
			snprintf(key, sizeof(key), "%.60s range 0x%" PRIx64 "+0x%" PRIx64, name,
				 r->base, r->length);
			diff_item(l, parent, key, "%s", "");
		}
}

void diff_iort_items(const struct acpi_platform *p, const struct acpi_platform *other, bool is_new,
		     struct diff_items *l)
{
	const struct acpi_iort *io = &p->iort;
	diff_item(l, -1, "revision", "%u (RMR nodes %s by Linux)", io->revision,
		  io->revision >= ACPI_IORT_REVISION_RMR ? "used" : "ignored");
	for (unsigned i = 0; i < io->node_count; i++)
		iort_node_items(io, i, l);
}
