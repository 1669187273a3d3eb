/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_iort.h"

#include <string.h>

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_iort_checks.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define IORT_FIXED   48u /* header + node count + node offset + reserved */
#define NODE_HEADER  16u
#define MAPPING_SIZE 20u
#define RMR_RANGE    20u

static const char *const iort_type_names[] = {
	"ITS group", "named component", "root complex", "SMMUv1/v2", "SMMUv3", "PMCG", "RMR",
};

/* Fixed part of each node type (DEN 0049E.f §3.1), earliest node revision. */
static const uint8_t iort_min_len[] = {20, 30, 32, 76, 60, 32, 28};

/* Which node types an ID mapping of a node of each type may output to (bit per type). */
#define T(x) (1u << (x))
static const uint8_t iort_out_allowed[] = {
	[ACPI_IORT_ITS_GROUP] = 0,
	[ACPI_IORT_NAMED_COMPONENT] = T(0) | T(3) | T(4),
	[ACPI_IORT_ROOT_COMPLEX] = T(0) | T(3) | T(4),
	[ACPI_IORT_SMMU] = T(0),
	[ACPI_IORT_SMMUV3] = T(0),
	[ACPI_IORT_PMCG] = T(0),
	[ACPI_IORT_RMR] = T(3) | T(4),
};
#undef T

const char *acpi_iort_type_name(unsigned type)
{
	return type < 7 ? iort_type_names[type] : "unknown";
}

unsigned acpi_iort_node_at(const struct acpi_iort *io, uint32_t offset)
{
	for (unsigned i = 0; i < io->node_count; i++)
		if (io->node[i].offset == offset)
			return i;
	return ACPI_IORT_NO_NODE;
}

static void iort_parse_mappings(const struct acpi_cursor *c, struct acpi_iort *io,
				struct acpi_iort_node *n, struct findings *f)
{
	n->map_first = (uint16_t)io->mapping_count;
	if (!n->mapping_count)
		return;
	uint64_t end = (uint64_t)n->mapping_offset + (uint64_t)n->mapping_count * MAPPING_SIZE;
	if (n->mapping_offset < NODE_HEADER || end > n->length) {
		finding_add_check(
			f, IORT_CHECK(MAPPINGS_OUTSIDE), FINDING_ERROR, "IORT", n->offset + 12,
			"%s node: %u ID mappings at offset %u need bytes up to %llu, outside "
			"the node's %u bytes (DEN 0049 §3.1.1.2); mappings ignored",
			acpi_iort_type_name(n->type), n->mapping_count, n->mapping_offset,
			(unsigned long long)end, n->length);
		return;
	}
	if (n->type == ACPI_IORT_ITS_GROUP)
		finding_add_check(
			f, IORT_CHECK(ITS_GROUP_MAPPINGS), FINDING_WARNING, "IORT", n->offset + 8,
			"ITS group node has %u ID mappings: ITS groups have none (DEN 0049 "
			"§3.1.1.3)",
			n->mapping_count);
	for (uint32_t i = 0; i < n->mapping_count; i++) {
		uint32_t off = n->offset + n->mapping_offset + i * MAPPING_SIZE;
		if (io->mapping_count >= ACPI_IORT_MAX_MAPPINGS) {
			io->overflow = true;
			break;
		}
		struct acpi_iort_mapping *m = &io->mapping[io->mapping_count++];
		m->offset = off;
		m->input_base = acpi_u32(c, off);
		m->id_count = acpi_u32(c, off + 4);
		m->output_base = acpi_u32(c, off + 8);
		m->output_ref = acpi_u32(c, off + 12);
		m->flags = acpi_u32(c, off + 16);
		m->output_node = ACPI_IORT_NO_NODE;
		n->map_count++;
		if (m->flags & ~ACPI_IORT_ID_SINGLE_MAPPING)
			finding_add_check(f, IORT_CHECK(MAPPING_FLAGS_RESERVED), FINDING_WARNING,
					  "IORT", off + 16,
					  "ID mapping flags 0x%x: bits 31:1 are reserved (DEN 0049 "
					  "§3.1.1.2)",
					  m->flags);
		if (!(m->flags & ACPI_IORT_ID_SINGLE_MAPPING) &&
		    (uint64_t)m->input_base + m->id_count > 0xffffffffull)
			finding_add_check(f, IORT_CHECK(MAPPING_RANGE_WRAPS), FINDING_ERROR, "IORT",
					  off + 4,
					  "ID mapping input range 0x%x + %u runs past 2^32",
					  m->input_base, m->id_count);
	}
}

static void iort_parse_its(const struct acpi_cursor *c, struct acpi_iort *io,
			   struct acpi_iort_node *n, struct findings *f)
{
	uint32_t count = acpi_u32(c, n->offset + 16);
	n->u.its.first = (uint16_t)io->its_id_count;
	if (!count)
		finding_add_check(
			f, IORT_CHECK(ITS_GROUP_EMPTY), FINDING_WARNING, "IORT", n->offset + 16,
			"ITS group with no ITS identifiers (DEN 0049 §3.1.1.3: at least one)");
	if ((uint64_t)20 + (uint64_t)count * 4 > n->length) {
		finding_add_check(
			f, IORT_CHECK(ITS_GROUP_OVERRUN), FINDING_ERROR, "IORT", n->offset + 16,
			"ITS group lists %u identifiers: %llu bytes, more than the node's %u",
			count, (unsigned long long)(20 + (uint64_t)count * 4), n->length);
		count = (n->length - 20) / 4;
	}
	for (uint32_t i = 0; i < count; i++) {
		if (io->its_id_count >= ACPI_IORT_MAX_ITS_IDS) {
			io->overflow = true;
			break;
		}
		io->its_id[io->its_id_count++] = acpi_u32(c, n->offset + 20 + 4 * i);
		n->u.its.count++;
	}
}

static void iort_parse_nc(const struct acpi_cursor *c, struct acpi_iort_node *n, struct findings *f)
{
	n->u.nc.flags = acpi_u32(c, n->offset + 16);
	n->u.nc.mem.cca = acpi_u32(c, n->offset + 20);
	n->u.nc.mem.hints = acpi_u8(c, n->offset + 24);
	n->u.nc.mem.flags = acpi_u8(c, n->offset + 27);
	n->u.nc.mem_addr_limit = acpi_u8(c, n->offset + 28);
	uint32_t end = n->offset + n->length;
	if (n->mapping_count && n->mapping_offset >= 29 && n->mapping_offset < n->length)
		end = n->offset + n->mapping_offset;
	unsigned k = 0;
	bool terminated = false;
	for (uint32_t p = n->offset + 29; p < end; p++) {
		uint8_t ch = acpi_u8(c, p);
		if (!ch) {
			terminated = true;
			break;
		}
		if (k + 1 < sizeof(n->u.nc.name))
			n->u.nc.name[k++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
	}
	n->u.nc.name[k] = '\0';
	if (!terminated)
		finding_add_check(
			f, IORT_CHECK(NAMED_COMPONENT_NAME), FINDING_ERROR, "IORT", n->offset + 29,
			"named component object name is not NUL-terminated inside the node "
			"(DEN 0049 §3.1.1.4)");
}

static void iort_parse_rmr(const struct acpi_cursor *c, struct acpi_iort *io,
			   struct acpi_iort_node *n, struct findings *f)
{
	uint32_t o = n->offset;
	n->u.rmr.flags = acpi_u32(c, o + 16);
	n->u.rmr.range_declared = acpi_u32(c, o + 20);
	uint32_t roff = acpi_u32(c, o + 24);
	n->u.rmr.first = (uint16_t)io->rmr_range_count;
	if (n->u.rmr.flags & ACPI_IORT_RMR_FLAGS_RESERVED)
		finding_add_check(
			f, IORT_CHECK(RMR_FLAGS_RESERVED), FINDING_WARNING, "IORT", o + 16,
			"RMR flags 0x%08x: bits 31:10 are reserved and must be 0 (DEN 0049E.d "
			"§3.1.1.9)",
			n->u.rmr.flags);
	if (((n->u.rmr.flags >> 2) & 0xff) > 5)
		finding_add_check(
			f, IORT_CHECK(RMR_ACCESS_ATTRIBUTES), FINDING_WARNING, "IORT", o + 16,
			"RMR access attributes 0x%02x: only 0x00-0x05 are defined (DEN 0049E.d)",
			(n->u.rmr.flags >> 2) & 0xff);
	if (!n->u.rmr.range_declared)
		finding_add_check(
			f, IORT_CHECK(RMR_NO_RANGE), FINDING_ERROR, "IORT", o + 20,
			"RMR node has no memory range descriptor (at least one is required)");
	uint64_t end = (uint64_t)roff + (uint64_t)n->u.rmr.range_declared * RMR_RANGE;
	if (n->u.rmr.range_declared && (roff < 28 || end > n->length)) {
		finding_add_check(
			f, IORT_CHECK(RMR_RANGES_OUTSIDE), FINDING_ERROR, "IORT", o + 24,
			"RMR: %u memory ranges at offset %u need bytes up to %llu, outside the "
			"node's %u bytes",
			n->u.rmr.range_declared, roff, (unsigned long long)end, n->length);
		return;
	}
	for (uint32_t i = 0; i < n->u.rmr.range_declared; i++) {
		uint32_t r = o + roff + i * RMR_RANGE;
		struct acpi_iort_rmr_range rg = {acpi_u64(c, r), acpi_u64(c, r + 8)};
		/* E.d: base 64 KiB aligned, length a non-zero multiple of 64 KiB. */
		if ((rg.base & 0xffff) || (rg.length & 0xffff) || !rg.length)
			finding_add_check(
				f, IORT_CHECK(RMR_RANGE_UNALIGNED), FINDING_WARNING, "IORT", r,
				"RMR range 0x%llx+0x%llx: base and length must be 64 KiB "
				"multiples, length non-zero (DEN 0049E.d §3.1.1.9)",
				(unsigned long long)rg.base, (unsigned long long)rg.length);
		if (acpi_u32(c, r + 16))
			finding_add_check(f, IORT_CHECK(RESERVED_NONZERO), FINDING_WARNING, "IORT",
					  r + 16, "RMR range reserved field must be 0");
		if (io->rmr_range_count >= ACPI_IORT_MAX_RMR_RANGES) {
			io->overflow = true;
			break;
		}
		io->rmr_range[io->rmr_range_count++] = rg;
		n->u.rmr.count++;
	}
}

static void iort_parse_body(const struct acpi_cursor *c, struct acpi_iort *io,
			    struct acpi_iort_node *n, struct findings *f)
{
	uint32_t o = n->offset;
	switch (n->type) {
	case ACPI_IORT_ITS_GROUP: iort_parse_its(c, io, n, f); break;
	case ACPI_IORT_NAMED_COMPONENT: iort_parse_nc(c, n, f); break;
	case ACPI_IORT_ROOT_COMPLEX:
		n->u.rc.mem.cca = acpi_u32(c, o + 16);
		n->u.rc.mem.hints = acpi_u8(c, o + 20);
		n->u.rc.mem.flags = acpi_u8(c, o + 23);
		n->u.rc.ats = acpi_u32(c, o + 24);
		n->u.rc.segment = acpi_u32(c, o + 28);
		if (n->length >= 33)
			n->u.rc.mem_addr_limit = acpi_u8(c, o + 32);
		if (n->revision >= 4 && n->length >= 40)
			n->u.rc.flags = acpi_u32(c, o + 36);
		break;
	case ACPI_IORT_SMMU:
		n->u.smmu.base = acpi_u64(c, o + 16);
		n->u.smmu.span = acpi_u64(c, o + 24);
		n->u.smmu.model = acpi_u32(c, o + 32);
		n->u.smmu.flags = acpi_u32(c, o + 36);
		break;
	case ACPI_IORT_SMMUV3:
		n->u.smmuv3.base = acpi_u64(c, o + 16);
		n->u.smmuv3.flags = acpi_u32(c, o + 24);
		n->u.smmuv3.vatos = acpi_u64(c, o + 32);
		n->u.smmuv3.model = acpi_u32(c, o + 40);
		n->u.smmuv3.event_gsiv = acpi_u32(c, o + 44);
		n->u.smmuv3.pri_gsiv = acpi_u32(c, o + 48);
		n->u.smmuv3.gerr_gsiv = acpi_u32(c, o + 52);
		n->u.smmuv3.sync_gsiv = acpi_u32(c, o + 56);
		if (n->length >= 64)
			n->u.smmuv3.proximity_domain = acpi_u32(c, o + 60);
		if (n->length >= 68)
			n->u.smmuv3.deviceid_index = acpi_u32(c, o + 64);
		if (acpi_u32(c, o + 28))
			finding_add_check(f, IORT_CHECK(RESERVED_NONZERO), FINDING_WARNING, "IORT",
					  o + 28, "SMMUv3 reserved field is 0x%08x, must be 0",
					  acpi_u32(c, o + 28));
		if ((n->u.smmuv3.flags & ACPI_IORT_SMMUV3_DEVICEID_VALID) &&
		    n->u.smmuv3.deviceid_index >= n->mapping_count)
			finding_add_check(
				f, IORT_CHECK(SMMUV3_DEVICEID_INDEX), FINDING_ERROR, "IORT", o + 64,
				"SMMUv3 DeviceID mapping index %u, but the node has %u mappings",
				n->u.smmuv3.deviceid_index, n->mapping_count);
		break;
	case ACPI_IORT_PMCG:
		n->u.pmcg.page0 = acpi_u64(c, o + 16);
		n->u.pmcg.overflow_gsiv = acpi_u32(c, o + 24);
		n->u.pmcg.node_ref = acpi_u32(c, o + 28);
		if (n->length >= 40)
			n->u.pmcg.page1 = acpi_u64(c, o + 32);
		break;
	case ACPI_IORT_RMR: iort_parse_rmr(c, io, n, f); break;
	}
}

/* Resolves output references and checks each node's mappings against each other. */
static void iort_check_mappings(struct acpi_iort *io, struct findings *f)
{
	for (unsigned i = 0; i < io->node_count; i++) {
		const struct acpi_iort_node *n = &io->node[i];
		for (unsigned k = 0; k < n->map_count; k++) {
			struct acpi_iort_mapping *m = &io->mapping[n->map_first + k];
			unsigned out = acpi_iort_node_at(io, m->output_ref);
			if (out == ACPI_IORT_NO_NODE) {
				finding_add_check(
					f, IORT_CHECK(OUTPUT_REF_INVALID), FINDING_ERROR, "IORT",
					m->offset + 12,
					"%s node at 0x%x: ID mapping output reference 0x%x "
					"points at no node",
					acpi_iort_type_name(n->type), n->offset, m->output_ref);
				continue;
			}
			m->output_node = (uint16_t)out;
			uint8_t ot = io->node[out].type;
			if (n->type < 7 && (ot >= 7 || !(iort_out_allowed[n->type] & (1u << ot))))
				finding_add_check(
					f, IORT_CHECK(OUTPUT_WRONG_TYPE), FINDING_ERROR, "IORT",
					m->offset + 12,
					"%s node at 0x%x maps IDs to a %s node (0x%x): its "
					"outputs go to %s (DEN 0049 §3.1)",
					acpi_iort_type_name(n->type), n->offset,
					acpi_iort_type_name(ot), m->output_ref,
					n->type == ACPI_IORT_RMR ? "an SMMU"
					: (n->type == ACPI_IORT_SMMU ||
					   n->type == ACPI_IORT_SMMUV3 || n->type == ACPI_IORT_PMCG)
						? "an ITS group"
						: "an ITS group or an SMMU");
		}
		for (unsigned a = 0; a < n->map_count; a++) {
			const struct acpi_iort_mapping *x = &io->mapping[n->map_first + a];
			if (x->flags & ACPI_IORT_ID_SINGLE_MAPPING)
				continue;
			for (unsigned b = a + 1; b < n->map_count; b++) {
				const struct acpi_iort_mapping *y = &io->mapping[n->map_first + b];
				if (y->flags & ACPI_IORT_ID_SINGLE_MAPPING)
					continue;
				uint64_t xe = (uint64_t)x->input_base + x->id_count;
				uint64_t ye = (uint64_t)y->input_base + y->id_count;
				if (x->input_base > ye || y->input_base > xe)
					continue;
				/* Exactly the last ID of one range: NumIDs given as a count. */
				bool x_first = xe == y->input_base && x->input_base < y->input_base;
				bool y_first = ye == x->input_base && y->input_base < x->input_base;
				if (x_first || y_first)
					finding_add_check(
						f, IORT_CHECK(MAPPINGS_OFF_BY_ONE), FINDING_WARNING,
						"IORT", y->offset,
						"%s node at 0x%x: ID mappings at 0x%x and 0x%x "
						"share ID 0x%x: NumIDs is the number of IDs "
						"minus one, a count is one too large (DEN 0049 "
						"§3.1.1.2)",
						acpi_iort_type_name(n->type), n->offset, x->offset,
						y->offset, x_first ? y->input_base : x->input_base);
				else
					finding_add_check(
						f, IORT_CHECK(MAPPINGS_OVERLAP), FINDING_ERROR,
						"IORT", y->offset,
						"%s node at 0x%x: ID mappings at 0x%x "
						"(0x%x-0x%llx) "
						"and 0x%x (0x%x-0x%llx) overlap: input ranges of "
						"one node must be disjoint (DEN 0049 §3.1.1.2)",
						acpi_iort_type_name(n->type), n->offset, x->offset,
						x->input_base, (unsigned long long)xe, y->offset,
						y->input_base, (unsigned long long)ye);
			}
		}
		if (n->type == ACPI_IORT_PMCG && n->u.pmcg.node_ref &&
		    acpi_iort_node_at(io, n->u.pmcg.node_ref) == ACPI_IORT_NO_NODE)
			finding_add_check(f, IORT_CHECK(OUTPUT_REF_INVALID), FINDING_ERROR, "IORT",
					  n->offset + 28,
					  "PMCG node reference 0x%x points at no node",
					  n->u.pmcg.node_ref);
	}
}

int acpi_iort_parse(const uint8_t *data, uint32_t len, struct acpi_iort *io, struct findings *f)
{
	memset(io, 0, sizeof(*io));
	struct acpi_cursor c;
	struct acpi_header h;
	int err = acpi_table_open(data, len, "IORT", IORT_FIXED, &c, &h, f);
	if (err)
		return err;
	io->revision = h.revision;
	io->length = c.len;
	io->node_count_field = acpi_u32(&c, 36);
	io->node_offset = acpi_u32(&c, 40);
	if (acpi_u32(&c, 44))
		finding_add_check(f, IORT_CHECK(RESERVED_NONZERO), FINDING_WARNING, "IORT", 44,
				  "reserved field is 0x%08x, must be 0", acpi_u32(&c, 44));
	uint32_t off = io->node_offset;
	if (io->node_count_field && (off < IORT_FIXED || off >= c.len)) {
		finding_add_check(f, IORT_CHECK(NODE_ARRAY_OUTSIDE), FINDING_ERROR, "IORT", 40,
				  "node array offset %u is outside the node area 48-%u", off,
				  c.len);
		io->truncated = true;
		return 0;
	}
	for (uint32_t i = 0; i < io->node_count_field; i++) {
		if (off >= c.len || c.len - off < NODE_HEADER) {
			finding_add_check(
				f, IORT_CHECK(NODE_COUNT_WRONG), FINDING_ERROR, "IORT",
				off < c.len ? off : 36,
				"node count %u, but node %u would start at %u with %u bytes "
				"left (a node header is 16 bytes)",
				io->node_count_field, i, off, off < c.len ? c.len - off : 0);
			io->truncated = true;
			break;
		}
		uint8_t type = acpi_u8(&c, off);
		uint16_t nlen = acpi_u16(&c, off + 1);
		if (nlen < NODE_HEADER || nlen > c.len - off) {
			finding_add_check(
				f, IORT_CHECK(NODE_LENGTH_INVALID), FINDING_ERROR, "IORT", off + 1,
				"%s node length %u does not fit: at least 16 and at most the %u "
				"bytes left; walk stopped",
				acpi_iort_type_name(type), nlen, c.len - off);
			io->truncated = true;
			break;
		}
		if (type < 7)
			io->type_count[type]++;
		else
			io->unknown_count++;
		if (type >= 7) {
			finding_add_check(
				f, IORT_CHECK(NODE_TYPE_UNKNOWN), FINDING_INFO, "IORT", off,
				"node type %u is not known here; skipped by its length %u", type,
				nlen);
			off += nlen;
			continue;
		}
		if (nlen < iort_min_len[type]) {
			finding_add_check(
				f, IORT_CHECK(NODE_LENGTH_SHORT), FINDING_ERROR, "IORT", off + 1,
				"%s node length %u is below its %u bytes of fixed fields; skipped",
				acpi_iort_type_name(type), nlen, iort_min_len[type]);
			off += nlen;
			continue;
		}
		if (io->node_count >= ACPI_IORT_MAX_NODES) {
			io->overflow = true;
			off += nlen;
			continue;
		}
		struct acpi_iort_node *n = &io->node[io->node_count++];
		memset(n, 0, sizeof(*n));
		n->offset = off;
		n->type = type;
		n->length = nlen;
		n->revision = acpi_u8(&c, off + 3);
		n->identifier = acpi_u32(&c, off + 4);
		n->mapping_count = acpi_u32(&c, off + 8);
		n->mapping_offset = acpi_u32(&c, off + 12);
		iort_parse_mappings(&c, io, n, f);
		iort_parse_body(&c, io, n, f);
		if (type == ACPI_IORT_RMR && io->revision < ACPI_IORT_REVISION_RMR)
			finding_add_check(
				f, IORT_CHECK(RMR_REVISION),
				io->revision < ACPI_IORT_REVISION_RMR_EB ? FINDING_ERROR
									 : FINDING_WARNING,
				"IORT", off,
				"RMR node in an IORT of revision %u: RMR nodes are defined from "
				"revision 5 (DEN 0049E.d; E.b/E.c layouts are deprecated and "
				"ignored by Linux)",
				io->revision);
		off += nlen;
	}
	iort_check_mappings(io, f);
	if (io->overflow)
		finding_add_check(f, IORT_CHECK(PARSER_OVERFLOW), FINDING_WARNING, "IORT",
				  FINDING_NO_OFFSET,
				  "more nodes, mappings or ranges than this parser stores");
	return 0;
}

uint64_t acpi_iort_mapping_last_input(const struct acpi_iort *io, const struct acpi_iort_node *n,
				      const struct acpi_iort_mapping *m)
{
	uint64_t last = (uint64_t)m->input_base + m->id_count;
	if (m->flags & ACPI_IORT_ID_SINGLE_MAPPING)
		return m->input_base;
	if (!m->id_count)
		return last;
	for (unsigned k = 0; k < n->map_count; k++) {
		const struct acpi_iort_mapping *o = &io->mapping[n->map_first + k];
		if (o != m && !(o->flags & ACPI_IORT_ID_SINGLE_MAPPING) && o->input_base == last)
			return last - 1;
	}
	return last;
}

/* The first range mapping of n that serves in_id (acpi_iort_mapping_last_input). */
static const struct acpi_iort_mapping *
iort_find_mapping(const struct acpi_iort *io, const struct acpi_iort_node *n, uint32_t in_id)
{
	for (unsigned k = 0; k < n->map_count; k++) {
		const struct acpi_iort_mapping *m = &io->mapping[n->map_first + k];
		if (!(m->flags & ACPI_IORT_ID_SINGLE_MAPPING) && in_id >= m->input_base &&
		    in_id <= acpi_iort_mapping_last_input(io, n, m))
			return m;
	}
	return NULL;
}

int acpi_iort_map_id(const struct acpi_iort *io, unsigned node, uint32_t in_id, unsigned *out_node,
		     uint32_t *out_id)
{
	if (node >= io->node_count)
		return -EINVAL;
	const struct acpi_iort_node *n = &io->node[node];
	const struct acpi_iort_mapping *m = iort_find_mapping(io, n, in_id);
	uint32_t id = 0;
	if (m) {
		id = m->output_base + (in_id - m->input_base);
	} else if (n->type == ACPI_IORT_NAMED_COMPONENT || n->type == ACPI_IORT_ROOT_COMPLEX) {
		/* A single mapping gives the device's one output ID whatever comes in. */
		for (unsigned k = 0; k < n->map_count && !m; k++)
			if (io->mapping[n->map_first + k].flags & ACPI_IORT_ID_SINGLE_MAPPING)
				m = &io->mapping[n->map_first + k];
		if (m)
			id = m->output_base;
	}
	if (!m)
		return -ENOENT;
	if (m->output_node == ACPI_IORT_NO_NODE || m->output_node >= io->node_count)
		return -EINVAL;
	*out_node = m->output_node;
	*out_id = id;
	return 0;
}

int acpi_iort_map_rid(const struct acpi_iort *io, uint32_t segment, uint32_t rid,
		      struct acpi_iort_path *path)
{
	memset(path, 0, sizeof(*path));
	path->rc_node = path->smmu_node = path->its_node = ACPI_IORT_NO_NODE;
	unsigned node = ACPI_IORT_NO_NODE;
	for (unsigned i = 0; i < io->node_count; i++) {
		if (io->node[i].type == ACPI_IORT_ROOT_COMPLEX &&
		    io->node[i].u.rc.segment == segment) {
			node = i;
			break;
		}
	}
	if (node == ACPI_IORT_NO_NODE)
		return -ENOENT;
	path->rc_node = (uint16_t)node;
	uint32_t id = rid;
	for (unsigned depth = 0; depth < ACPI_IORT_MAX_DEPTH; depth++) {
		unsigned out;
		uint32_t out_id;
		int err = acpi_iort_map_id(io, node, id, &out, &out_id);
		if (err)
			return err;
		struct acpi_iort_step *s = &path->step[path->step_count++];
		s->node = (uint16_t)node;
		s->type = io->node[node].type;
		s->in_id = id;
		s->out_id = out_id;
		uint8_t ot = io->node[out].type;
		if (ot == ACPI_IORT_ITS_GROUP) {
			path->its_node = (uint16_t)out;
			path->device_id = out_id;
			return 0;
		}
		if (ot == ACPI_IORT_SMMU || ot == ACPI_IORT_SMMUV3) {
			if (!path->has_smmu) {
				path->has_smmu = true;
				path->smmu_node = (uint16_t)out;
				path->stream_id = out_id;
			}
		} else {
			return -EINVAL;
		}
		node = out;
		id = out_id;
	}
	return -EOVERFLOW;
}
