/* SPDX-License-Identifier: MIT */
/*
 * --coverage flags: requester ids nothing covers, ids two units claim, and
 * ids that share a StreamID (same SMMU) or DeviceID (same ITS group) with
 * other ids: the SMMU or ITS cannot tell those devices apart.
 */
#include <inttypes.h>
#include <stdio.h>

#include "tools/doorbell-acpi/coverage.h"

struct id_span {
	uint32_t lo, hi;
};

static struct id_span span_of(const struct coverage_run *r, uint32_t first)
{
	uint32_t len = (uint32_t)(r->hi - r->lo);
	if (r->mode == COVERAGE_CONSTANT)
		len = 0;
	uint32_t hi = first + len < first ? UINT32_MAX : first + len;
	return (struct id_span){first, hi};
}

static bool overlap(struct id_span a, struct id_span b, struct id_span *both)
{
	both->lo = a.lo > b.lo ? a.lo : b.lo;
	both->hi = a.hi < b.hi ? a.hi : b.hi;
	return both->lo <= both->hi;
}

static void smmu_name(const struct acpi_iort *io, unsigned idx, char *buf, size_t len)
{
	const struct acpi_iort_node *n = &io->node[idx];
	snprintf(buf, len, "%s@0x%" PRIx64, n->type == ACPI_IORT_SMMUV3 ? "SMMUv3" : "SMMU",
		 n->type == ACPI_IORT_SMMUV3 ? n->u.smmuv3.base : n->u.smmu.base);
}

static unsigned its_ordinal(const struct acpi_iort *io, unsigned idx)
{
	unsigned k = 0;
	for (unsigned i = 0; i < idx && i < io->node_count; i++)
		k += io->node[i].type == ACPI_IORT_ITS_GROUP;
	return k;
}

static bool alias_line(const struct acpi_platform *p, const struct coverage_run *a,
		       const struct coverage_run *b, struct tool_lines *out)
{
	const struct acpi_iort *io = &p->iort;
	char ra[48], rb[48], where[48];
	struct id_span both;
	const char *what;
	if (a->smmu_node < io->node_count && a->smmu_node == b->smmu_node &&
	    overlap(span_of(a, a->sid), span_of(b, b->sid), &both)) {
		what = "StreamID";
		smmu_name(io, a->smmu_node, where, sizeof(where));
	} else if (!a->err && !b->err && a->its_node < io->node_count &&
		   a->its_node == b->its_node &&
		   overlap(span_of(a, a->did), span_of(b, b->did), &both)) {
		what = "DeviceID";
		snprintf(where, sizeof(where), "ITS group %u", its_ordinal(io, a->its_node));
	} else {
		return false;
	}
	if (!out)
		return true; /* counted, not shown */
	coverage_range_name(a->segment, a->lo, a->hi, ra, sizeof(ra));
	if (a == b)
		tool_lines_add(out, "flags", "! alias %s: all one %s 0x%x on %s", ra, what, both.lo,
			       where);
	else {
		coverage_range_name(b->segment, b->lo, b->hi, rb, sizeof(rb));
		tool_lines_add(out, "flags", "! alias %s and %s: same %s 0x%x-0x%x on %s", ra, rb,
			       what, both.lo, both.hi, where);
	}
	return true;
}

static void alias_flags(const struct acpi_platform *p, const struct coverage_run *runs,
			unsigned count, struct tool_lines *out, struct coverage_summary *s)
{
	unsigned shown = 0;
	for (unsigned i = 0; i < count; i++) {
		const struct coverage_run *a = &runs[i];
		if (a->mode == COVERAGE_CONSTANT && a->hi > a->lo && shown < COVERAGE_MAX_ALIASES &&
		    alias_line(p, a, a, out)) {
			shown++;
			s->aliases++;
		}
		for (unsigned j = i + 1; j < count; j++) {
			if (shown >= COVERAGE_MAX_ALIASES) {
				if (alias_line(p, a, &runs[j], NULL))
					s->aliases++;
				continue;
			}
			if (alias_line(p, a, &runs[j], out)) {
				shown++;
				s->aliases++;
			}
		}
	}
	if (s->aliases > shown)
		tool_lines_add(out, "flags", "! (%u more aliases not shown)", s->aliases - shown);
}

void coverage_flags(const struct acpi_platform *p, bool iort, struct tool_lines *out,
		    struct coverage_summary *s)
{
	unsigned count;
	const struct coverage_run *runs = coverage_runs(&count);
	char range[48], unit[160];
	for (unsigned i = 0; i < count; i++) {
		const struct coverage_run *r = &runs[i];
		unsigned ids = (unsigned)(r->hi - r->lo) + 1;
		coverage_range_name(r->segment, r->lo, r->hi, range, sizeof(range));
		if (r->err) {
			coverage_unit_name(p, r, iort, unit, sizeof(unit));
			tool_lines_add(out, "flags", "! uncovered %s: %s", range, unit);
			s->uncovered += ids;
		}
		if (r->second >= 0) {
			if (iort)
				tool_lines_add(
					out, "flags", "! claimed twice %s: %s", range,
					r->second == r->unit
						? "two ID mappings of one root complex"
						: "a second root complex node of the segment");
			else if (r->unit >= 0 && (unsigned)r->unit < p->dmar.drhd_count &&
				 (unsigned)r->second < p->dmar.drhd_count)
				tool_lines_add(out, "flags",
					       "! claimed twice %s: DRHD%d (0x%" PRIx64
					       ") and DRHD%d (0x%" PRIx64 ")",
					       range, r->unit, p->dmar.drhd[r->unit].reg_base,
					       r->second, p->dmar.drhd[r->second].reg_base);
			s->claimed_twice += ids;
		}
	}
	if (iort)
		alias_flags(p, runs, count, out, s);
}
