/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_iort_cross.h"

#include "drivers/acpi/acpi_iort.h"
#include "drivers/acpi/acpi_madt.h"

static const struct finding_check iort_output_id_aliased = {
	"iort.output-id-aliased",
	"no check on the table; into an SMMUv3: \"Aliasing StreamID 0x... (from ...) "
	"unsupported, expect DMA to be broken\" and the later device gets no IOMMU; into an "
	"SMMUv1/v2: both devices share stream match entries and one IOMMU group; into an ITS "
	"group: the later device reuses the first one's ITT (its_msi_prepare), sized for the "
	"first one's vectors",
	0};
static const struct finding_check iort_its_id_not_in_madt = {
	"iort.its-id-not-in-madt",
	"Linux uses an ITS group's first identifier only (iort_dev_find_its_id): when that one "
	"has no MADT GIC ITS, devices mapped to the group find no MSI domain and fall back to "
	"wired interrupts, if any; other identifiers are not read",
	0};
static const struct finding_check iort_its_id_in_two_groups = {
	"iort.its-id-in-two-groups",
	"not checked: both groups resolve to the same ITS, the grouping the table describes is "
	"lost",
	0};
static const struct finding_check iort_rmr_no_id_mapping = {
	"iort.rmr-no-id-mapping",
	"\"[Firmware Bug]: Invalid ID mapping, skipping RMR node\": the ranges are not kept "
	"identity-mapped, a device using them faults once the SMMU is enabled",
	0};
static const struct finding_check iort_rmr_ranges_overlap = {
	"iort.rmr-ranges-overlap",
	"in one node: \"[Firmware Bug]: RMR descriptor[0x... - 0x...] overlaps, continue "
	"anyway\"; across nodes not checked: both reserved regions are kept",
	0};

static bool iort_maps_ids(uint8_t type)
{
	return type != ACPI_IORT_ITS_GROUP && type != ACPI_IORT_RMR && type < 7;
}

/* The last output ID m of node n produces, by the parser's rule (acpi_iort_mapping_last_input). */
static uint64_t iort_out_last_used(const struct acpi_iort *io, const struct acpi_iort_node *n,
				   const struct acpi_iort_mapping *m)
{
	if (m->flags & ACPI_IORT_ID_SINGLE_MAPPING)
		return m->output_base;
	return (uint64_t)m->output_base + (acpi_iort_mapping_last_input(io, n, m) - m->input_base);
}

/* The node whose mappings hold mapping index z. */
static const struct acpi_iort_node *iort_mapping_owner(const struct acpi_iort *io, unsigned z)
{
	for (unsigned i = 0; i < io->node_count; i++)
		if (z >= io->node[i].map_first && z < io->node[i].map_first + io->node[i].map_count)
			return &io->node[i];
	return NULL;
}

/* Output IDs [lo, hi] a mapping can really produce. */
struct iort_span {
	uint64_t lo, hi;
};

#define IORT_SPANS_MAX 32

static bool iort_is_smmu(uint8_t type)
{
	return type == ACPI_IORT_SMMU || type == ACPI_IORT_SMMUV3;
}

/*
 * The output IDs mapping m of node n can produce. An SMMU's range mappings
 * translate StreamIDs, and only the StreamIDs other nodes map into the SMMU
 * ever arrive there (DEN 0049 §3.1.1.2): a mapping of 0-0xffff behind a root
 * complex that sends it 0-0xff outputs 0-0xff only. Its single mappings are
 * its own interrupts' DeviceIDs and are kept whole. Returns the span count.
 */
static unsigned iort_reachable_spans(const struct acpi_iort *io, unsigned n,
				     const struct acpi_iort_mapping *m, struct iort_span *out)
{
	uint64_t in_lo = m->input_base, in_hi = acpi_iort_mapping_last_input(io, &io->node[n], m);
	if (!iort_is_smmu(io->node[n].type) || (m->flags & ACPI_IORT_ID_SINGLE_MAPPING)) {
		out[0] =
			(struct iort_span){m->output_base, iort_out_last_used(io, &io->node[n], m)};
		return 1;
	}
	unsigned k = 0;
	for (unsigned z = 0; z < io->mapping_count && k < IORT_SPANS_MAX; z++) {
		const struct acpi_iort_mapping *mz = &io->mapping[z];
		if (mz->output_node != n)
			continue;
		const struct acpi_iort_node *src = iort_mapping_owner(io, z);
		if (!src)
			continue;
		uint64_t lo = mz->output_base > in_lo ? mz->output_base : in_lo;
		uint64_t zh = iort_out_last_used(io, src, mz), hi = zh < in_hi ? zh : in_hi;
		if (lo <= hi)
			out[k++] = (struct iort_span){m->output_base + (lo - in_lo),
						      m->output_base + (hi - in_lo)};
	}
	return k;
}

/* IDs shared by two span lists (each list is disjoint within itself). */
static uint64_t iort_spans_shared(const struct iort_span *x, unsigned nx, const struct iort_span *y,
				  unsigned ny, uint32_t *first)
{
	uint64_t shared = 0;
	for (unsigned i = 0; i < nx; i++)
		for (unsigned j = 0; j < ny; j++) {
			uint64_t lo = x[i].lo > y[j].lo ? x[i].lo : y[j].lo;
			uint64_t hi = x[i].hi < y[j].hi ? x[i].hi : y[j].hi;
			if (lo > hi)
				continue;
			if (!shared || lo < *first)
				*first = (uint32_t)lo;
			shared += hi - lo + 1;
		}
	return shared;
}

/*
 * DEN 0049 §3.1.1.2: an ID mapping names the IDs a node outputs into
 * another node's input space; two nodes whose mappings reach the same IDs
 * of one node make their devices indistinguishable there. One finding per
 * pair of nodes and output node, with the number of shared IDs. RMR nodes
 * name other nodes' streams on purpose and are left out; an SMMU's outputs
 * count only for the StreamIDs that reach it (iort_reachable_spans).
 */
static void iort_aliasing(const struct acpi_iort *io, struct findings *f)
{
	struct iort_span sx[IORT_SPANS_MAX], sy[IORT_SPANS_MAX];
	for (unsigned a = 0; a < io->node_count; a++)
		for (unsigned b = a + 1; b < io->node_count; b++) {
			const struct acpi_iort_node *na = &io->node[a], *nb = &io->node[b];
			if (!iort_maps_ids(na->type) || !iort_maps_ids(nb->type))
				continue;
			for (unsigned out = 0; out < io->node_count; out++) {
				uint64_t shared = 0;
				uint32_t first = 0, at = 0;
				for (unsigned x = 0; x < na->map_count; x++) {
					const struct acpi_iort_mapping *mx =
						&io->mapping[na->map_first + x];
					if (mx->output_node != out)
						continue;
					unsigned nx = iort_reachable_spans(io, a, mx, sx);
					for (unsigned y = 0; y < nb->map_count; y++) {
						const struct acpi_iort_mapping *my =
							&io->mapping[nb->map_first + y];
						if (my->output_node != out)
							continue;
						unsigned ny = iort_reachable_spans(io, b, my, sy);
						uint32_t lo = 0;
						uint64_t n = iort_spans_shared(sx, nx, sy, ny, &lo);
						if (!n)
							continue;
						if (!shared || lo < first) {
							first = lo;
							at = my->offset;
						}
						shared += n;
					}
				}
				if (!shared)
					continue;
				uint8_t ot = io->node[out].type;
				finding_add_check(
					f, &iort_output_id_aliased,
					ot == ACPI_IORT_SMMUV3 || ot == ACPI_IORT_ITS_GROUP
						? FINDING_ERROR
						: FINDING_WARNING,
					"IORT", at + 8,
					"%s 0x%x and %s 0x%x map to %llu shared %s (from 0x%x) of "
					"%s "
					"0x%x: devices alias (DEN 0049 §3.1.1.2)",
					acpi_iort_type_name(na->type), na->offset,
					acpi_iort_type_name(nb->type), nb->offset,
					(unsigned long long)shared,
					ot == ACPI_IORT_ITS_GROUP ? "DeviceIDs" : "StreamIDs",
					first, acpi_iort_type_name(ot), io->node[out].offset);
			}
		}
}

static bool iort_madt_has_its(const struct acpi_madt *m, uint32_t id)
{
	for (unsigned i = 0; i < m->its_count; i++)
		if (m->its[i].its_id == id)
			return true;
	return false;
}

/*
 * DEN 0049 §3.1.1.3: an ITS group lists GIC ITS identifiers, each the ID
 * of a MADT GIC ITS structure (ACPI 6.5 §5.2.12.18); an ITS belongs to one
 * group.
 */
static void iort_its_ids(const struct acpi_platform *p, struct findings *f)
{
	const struct acpi_iort *io = &p->iort;
	bool madt = p->has_madt && !p->madt.overflow;
	for (unsigned g = 0; g < io->node_count; g++) {
		const struct acpi_iort_node *n = &io->node[g];
		if (n->type != ACPI_IORT_ITS_GROUP)
			continue;
		for (unsigned i = 0; i < n->u.its.count; i++) {
			uint32_t id = io->its_id[n->u.its.first + i];
			uint32_t off = n->offset + 20 + 4 * i;
			if (madt && !iort_madt_has_its(&p->madt, id))
				finding_add_check(
					f, &iort_its_id_not_in_madt,
					i == 0 ? FINDING_ERROR : FINDING_WARNING, "IORT", off,
					"ITS group at 0x%x: GIC ITS ID %u (identifier %u of %u) "
					"has "
					"no GIC ITS structure in the MADT (DEN 0049 §3.1.1.3, ACPI "
					"6.5 §5.2.12.18)",
					n->offset, id, i, n->u.its.count);
			bool seen = false;
			for (unsigned h = 0; h <= g && !seen; h++) {
				const struct acpi_iort_node *o = &io->node[h];
				if (o->type != ACPI_IORT_ITS_GROUP)
					continue;
				unsigned end = h == g ? i : o->u.its.count;
				for (unsigned k = 0; k < end && !seen; k++)
					if (io->its_id[o->u.its.first + k] == id) {
						seen = true;
						finding_add_check(
							f, &iort_its_id_in_two_groups,
							FINDING_WARNING, "IORT", off,
							"GIC ITS ID %u is listed by the ITS group "
							"at 0x%x and again by the one at 0x%x (DEN "
							"0049 §3.1.1.3: an ITS belongs to one "
							"group)",
							id, o->offset, n->offset);
					}
			}
		}
	}
}

/*
 * DEN 0049E.d §3.1.1.9: an RMR node's ID mappings name the streams its
 * ranges are for; its ranges are reserved memory, each once.
 */
static void iort_rmrs(const struct acpi_iort *io, struct findings *f)
{
	for (unsigned i = 0; i < io->node_count; i++) {
		const struct acpi_iort_node *n = &io->node[i];
		if (n->type != ACPI_IORT_RMR)
			continue;
		if (!n->mapping_count)
			finding_add_check(f, &iort_rmr_no_id_mapping, FINDING_ERROR, "IORT",
					  n->offset + 8,
					  "RMR node at 0x%x has no ID mapping: its %u ranges "
					  "cover no stream (DEN 0049E.d §3.1.1.9)",
					  n->offset, n->u.rmr.range_declared);
		for (unsigned r = 0; r < n->u.rmr.count; r++) {
			const struct acpi_iort_rmr_range *x = &io->rmr_range[n->u.rmr.first + r];
			if (!x->length)
				continue;
			for (unsigned k = 0; k < n->u.rmr.first + r; k++) {
				const struct acpi_iort_rmr_range *y = &io->rmr_range[k];
				if (!y->length || x->base > y->base + (y->length - 1) ||
				    y->base > x->base + (x->length - 1))
					continue;
				finding_add_check(
					f, &iort_rmr_ranges_overlap, FINDING_WARNING, "IORT",
					n->offset,
					"RMR node at 0x%x: range 0x%llx+0x%llx overlaps the "
					"range 0x%llx+0x%llx%s (DEN 0049E.d §3.1.1.9)",
					n->offset, (unsigned long long)x->base,
					(unsigned long long)x->length, (unsigned long long)y->base,
					(unsigned long long)y->length,
					k >= n->u.rmr.first ? " of the same node"
							    : " of another RMR node");
				break;
			}
		}
	}
}

void acpi_iort_cross_check(const struct acpi_platform *p, struct findings *f)
{
	if (!p->has_iort)
		return;
	iort_aliasing(&p->iort, f);
	iort_its_ids(p, f);
	iort_rmrs(&p->iort, f);
	acpi_iort_props_check(&p->iort, f);
}
