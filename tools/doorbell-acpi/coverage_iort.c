/* SPDX-License-Identifier: MIT */
/*
 * --coverage on arm64: the IORT path of each requester id (DEN0049 ID
 * mappings: root complex -> SMMU with the StreamID -> ITS group with the
 * DeviceID), as acpi_iort_map_rid follows it, and a second claimant: a
 * second ID mapping or root complex node that covers the same id.
 */
#include "tools/doorbell-acpi/coverage.h"

/* Whether a (non-single) mapping covers id; the last id counts only as the parser's tolerance. */
static unsigned covering(const struct acpi_iort *io, const struct acpi_iort_node *n, uint32_t id,
			 bool strict)
{
	unsigned count = 0;
	for (unsigned k = 0; k < n->map_count && n->map_first + k < io->mapping_count; k++) {
		const struct acpi_iort_mapping *m = &io->mapping[n->map_first + k];
		if ((m->flags & ACPI_IORT_ID_SINGLE_MAPPING) || id < m->input_base)
			continue;
		uint32_t d = id - m->input_base;
		count += strict ? d < m->id_count : d == m->id_count;
	}
	return count;
}

/* The second claimant of rid: another RC node of the segment, the same one twice, or -1. */
static int second_claimant(const struct acpi_iort *io, uint16_t segment, uint32_t rid)
{
	int seen = -1;
	for (unsigned i = 0; i < io->node_count; i++) {
		const struct acpi_iort_node *n = &io->node[i];
		if (n->type != ACPI_IORT_ROOT_COMPLEX || n->u.rc.segment != segment)
			continue;
		unsigned c = covering(io, n, rid, true);
		if (!c)
			c = covering(io, n, rid, false) ? 1 : 0;
		if (c > 1)
			return (int)i;
		if (c == 1) {
			if (seen >= 0 && seen != (int)i)
				return (int)i;
			seen = (int)i;
		}
	}
	return -1;
}

void coverage_iort(const struct acpi_iort *io, uint16_t segment, uint8_t bus_lo, uint8_t bus_hi)
{
	for (unsigned rid = (unsigned)bus_lo << 8; rid <= ((unsigned)bus_hi << 8 | 0xff); rid++) {
		struct acpi_iort_path path;
		int err = acpi_iort_map_rid(io, segment, rid, &path);
		struct coverage_run one = {
			.segment = segment,
			.lo = (uint16_t)rid,
			.hi = (uint16_t)rid,
			.err = err,
			.unit = path.rc_node == ACPI_IORT_NO_NODE ? -1 : path.rc_node,
			.smmu_node = path.has_smmu ? path.smmu_node : ACPI_IORT_NO_NODE,
			.its_node = err ? ACPI_IORT_NO_NODE : path.its_node,
			.sid = path.has_smmu ? path.stream_id : rid,
			.did = err ? rid : path.device_id,
		};
		one.second = second_claimant(io, segment, rid);
		coverage_add(&one);
	}
}
