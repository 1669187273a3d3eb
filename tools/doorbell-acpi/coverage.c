/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/coverage.h"

#include <inttypes.h>
#include <stdio.h>

#include "kernel/errno.h"

static struct coverage_run runs[COVERAGE_MAX_RUNS];
static unsigned run_count;
static bool runs_full;

const struct coverage_run *coverage_runs(unsigned *count)
{
	*count = run_count;
	return runs;
}

void coverage_range_name(uint16_t segment, uint16_t lo, uint16_t hi, char *buf, size_t len)
{
	if ((lo & 0xff) == 0 && (hi & 0xff) == 0xff) {
		if (lo >> 8 == hi >> 8)
			snprintf(buf, len, "%04x:%02x", segment, lo >> 8);
		else
			snprintf(buf, len, "%04x:%02x-%02x", segment, lo >> 8, hi >> 8);
		return;
	}
	int n = snprintf(buf, len, "%04x:%02x:%02x.%x", segment, lo >> 8, (lo >> 3) & 0x1f, lo & 7);
	if (hi != lo && n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "-%04x:%02x:%02x.%x", segment, hi >> 8,
			 (hi >> 3) & 0x1f, hi & 7);
}

/* Whether one (a single id right after last) continues last's unit and ID map. */
static bool coverage_fits(const struct coverage_run *last, const struct coverage_run *one,
			  enum coverage_mode *mode)
{
	if (last->segment != one->segment || last->hi + 1u != one->lo || last->err != one->err ||
	    last->unit != one->unit || last->second != one->second ||
	    last->smmu_node != one->smmu_node || last->its_node != one->its_node)
		return false;
	uint32_t step = (uint32_t)(one->lo - last->lo);
	bool linear = one->sid == last->sid + step && one->did == last->did + step;
	bool constant = one->sid == last->sid && one->did == last->did;
	if (last->mode != COVERAGE_CONSTANT && linear) {
		*mode = COVERAGE_LINEAR;
		return true;
	}
	if (last->mode != COVERAGE_LINEAR && constant) {
		*mode = COVERAGE_CONSTANT;
		return true;
	}
	return false;
}

void coverage_add(const struct coverage_run *one)
{
	enum coverage_mode mode;
	if (run_count && coverage_fits(&runs[run_count - 1], one, &mode)) {
		runs[run_count - 1].hi = one->hi;
		runs[run_count - 1].mode = mode;
		return;
	}
	if (run_count == COVERAGE_MAX_RUNS) {
		runs_full = true;
		return;
	}
	runs[run_count] = *one;
	runs[run_count++].mode = COVERAGE_ONE;
}

/* "rid", "rid+0x10000", "rid-0x100" for a linear map; the value itself otherwise. */
static void id_expr(const struct coverage_run *r, uint32_t v, char *buf, size_t len)
{
	uint32_t delta = v - r->lo;
	if (r->mode != COVERAGE_LINEAR)
		snprintf(buf, len, "0x%x", v);
	else if (!delta)
		snprintf(buf, len, "rid");
	else if (delta < 0x80000000u)
		snprintf(buf, len, "rid+0x%x", delta);
	else
		snprintf(buf, len, "rid-0x%x", 0u - delta);
}

/* Position of node idx among its type: RC0, ITS group 1. */
static unsigned iort_ordinal(const struct acpi_iort *io, unsigned idx)
{
	unsigned k = 0;
	for (unsigned i = 0; i < idx && i < io->node_count; i++)
		k += io->node[i].type == io->node[idx].type;
	return k;
}

static const char *iort_why(int err)
{
	switch (err) {
	case -ENOENT: return "no ID mapping";
	case -EINVAL: return "output to a node that cannot take it";
	case -EOVERFLOW: return "mapping loop";
	}
	return "not mapped";
}

void coverage_unit_name(const struct acpi_platform *p, const struct coverage_run *r, bool iort,
			char *buf, size_t len)
{
	if (!iort) {
		if (r->unit < 0 || (unsigned)r->unit >= p->dmar.drhd_count)
			snprintf(buf, len, "none (no DRHD scope, no INCLUDE_PCI_ALL unit)");
		else
			snprintf(buf, len, "DRHD%d (0x%" PRIx64 ") source-id=rid", r->unit,
				 p->dmar.drhd[r->unit].reg_base);
		return;
	}
	const struct acpi_iort *io = &p->iort;
	if (r->unit < 0 || (unsigned)r->unit >= io->node_count) {
		snprintf(buf, len, "none (no root complex node for segment %04x)", r->segment);
		return;
	}
	char id[32];
	int n = snprintf(buf, len, "RC%u", iort_ordinal(io, (unsigned)r->unit));
	if (r->smmu_node < io->node_count && n > 0 && (size_t)n < len) {
		const struct acpi_iort_node *s = &io->node[r->smmu_node];
		id_expr(r, r->sid, id, sizeof(id));
		n += snprintf(buf + n, len - (size_t)n, " -> %s@0x%" PRIx64 " sid=%s",
			      s->type == ACPI_IORT_SMMUV3 ? "SMMUv3" : "SMMU",
			      s->type == ACPI_IORT_SMMUV3 ? s->u.smmuv3.base : s->u.smmu.base, id);
	}
	if (n <= 0 || (size_t)n >= len)
		return;
	if (r->err || r->its_node >= io->node_count) {
		snprintf(buf + n, len - (size_t)n, " -> none (%s)", iort_why(r->err));
		return;
	}
	id_expr(r, r->did, id, sizeof(id));
	snprintf(buf + n, len - (size_t)n, " -> ITS group %u devid=%s",
		 iort_ordinal(io, r->its_node), id);
}

/* The segments and bus ranges to cover: the MCFG's, else assumed (and said in group "input"). */
struct seg_range {
	uint16_t segment;
	uint8_t lo, hi;
};

static unsigned assumed_segments(const struct acpi_platform *p, struct seg_range *sr, unsigned max)
{
	unsigned n = 0;
	uint32_t segs[ACPI_DMAR_MAX_DRHD + ACPI_IORT_MAX_NODES];
	unsigned nseg = 0;
	if (p->has_dmar)
		for (unsigned i = 0; i < p->dmar.drhd_count; i++)
			segs[nseg++] = p->dmar.drhd[i].segment;
	if (p->has_iort)
		for (unsigned i = 0; i < p->iort.node_count; i++)
			if (p->iort.node[i].type == ACPI_IORT_ROOT_COMPLEX)
				segs[nseg++] = p->iort.node[i].u.rc.segment & 0xffff;
	if (!nseg)
		segs[nseg++] = 0;
	for (unsigned i = 0; i < nseg && n < max; i++) {
		bool dup = false;
		for (unsigned k = 0; k < n; k++)
			dup |= sr[k].segment == segs[i];
		if (!dup)
			sr[n++] = (struct seg_range){(uint16_t)segs[i], 0, 0xff};
	}
	return n;
}

static void print_runs(const struct acpi_platform *p, bool iort, struct tool_lines *out)
{
	char range[48], unit[160];
	for (unsigned i = 0; i < run_count; i++) {
		const struct coverage_run *r = &runs[i];
		coverage_range_name(r->segment, r->lo, r->hi, range, sizeof(range));
		coverage_unit_name(p, r, iort, unit, sizeof(unit));
		tool_lines_add(out, iort ? "IORT" : "DMAR", "%-27s %s", range, unit);
	}
	if (runs_full)
		tool_lines_add(out, iort ? "IORT" : "DMAR",
			       "(more than %u ranges: the rest not shown)", COVERAGE_MAX_RUNS);
}

static void cover_one_arch(const struct acpi_platform *p, bool iort, const struct seg_range *sr,
			   unsigned nsr, struct tool_lines *out, struct coverage_summary *s)
{
	run_count = 0;
	runs_full = false;
	for (unsigned i = 0; i < nsr; i++) {
		if (sr[i].lo > sr[i].hi)
			continue;
		s->ids += ((unsigned)sr[i].hi - sr[i].lo + 1) * 256;
		if (iort)
			coverage_iort(&p->iort, sr[i].segment, sr[i].lo, sr[i].hi);
		else
			coverage_vtd(&p->dmar, sr[i].segment, sr[i].lo, sr[i].hi);
	}
	s->runs += run_count;
	print_runs(p, iort, out);
	coverage_flags(p, iort, out, s);
}

struct coverage_summary acpi_coverage(const struct acpi_platform *p, struct tool_lines *out)
{
	struct coverage_summary s = {0};
	struct seg_range sr[ACPI_MCFG_MAX];
	unsigned nsr = 0;
	if (p->has_mcfg && p->mcfg.entry_count) {
		for (unsigned i = 0; i < p->mcfg.entry_count && i < ACPI_MCFG_MAX; i++)
			sr[nsr++] = (struct seg_range){p->mcfg.entry[i].segment,
						       p->mcfg.entry[i].bus_start,
						       p->mcfg.entry[i].bus_end};
	} else {
		nsr = assumed_segments(p, sr, ACPI_MCFG_MAX);
		for (unsigned i = 0; i < nsr; i++)
			tool_lines_add(out, "input",
				       "no MCFG: assumed segment %04x, buses 00-ff (from the %s)",
				       sr[i].segment,
				       p->has_dmar || p->has_iort ? "units' segments" : "default");
	}
	if (!p->has_dmar && !p->has_iort)
		tool_lines_add(out, "input", "no DMAR and no IORT: no unit to map ids to");
	if (p->has_dmar)
		cover_one_arch(p, false, sr, nsr, out, &s);
	if (p->has_iort)
		cover_one_arch(p, true, sr, nsr, out, &s);
	return s;
}
