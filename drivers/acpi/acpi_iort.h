/* SPDX-License-Identifier: MIT */
/*
 * IORT: IO Remapping Table (Arm DEN 0049, issues up to E.f).
 *
 * IORT table revisions: 0 for issues up to D; the E issues raised it step
 * by step: E.b (node identifiers, first RMR node layout) is revision 3,
 * as in QEMU's virt table; E.c is 4 (deprecated, RMR layout changed); E.d
 * is 5 (RMR flags with memory attributes, RC PASID); E.e is 6; E.f is 7.
 * RMR nodes are meaningful from revision 5 (E.d): Linux ignores them
 * below that.
 */
#ifndef DOORBELL_ACPI_IORT_H
#define DOORBELL_ACPI_IORT_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/findings.h"

enum acpi_iort_type {
	ACPI_IORT_ITS_GROUP = 0,
	ACPI_IORT_NAMED_COMPONENT = 1,
	ACPI_IORT_ROOT_COMPLEX = 2,
	ACPI_IORT_SMMU = 3, /* SMMUv1/v2 */
	ACPI_IORT_SMMUV3 = 4,
	ACPI_IORT_PMCG = 5,
	ACPI_IORT_RMR = 6,
};

#define ACPI_IORT_REVISION_RMR          5u /* E.d */
#define ACPI_IORT_REVISION_RMR_EB       3u /* E.b: first RMR layout */
#define ACPI_IORT_ID_SINGLE_MAPPING     0x1u
#define ACPI_IORT_RMR_REMAP_PERMITTED   0x1u
#define ACPI_IORT_RMR_ACCESS_PRIVILEGED 0x2u
#define ACPI_IORT_RMR_FLAGS_RESERVED    0xfffffc00u /* bits 31:10 (E.d) */
#define ACPI_IORT_SMMUV3_DEVICEID_VALID 0x10u

#define ACPI_IORT_MAX_NODES      64
#define ACPI_IORT_MAX_MAPPINGS   256
#define ACPI_IORT_MAX_ITS_IDS    64
#define ACPI_IORT_MAX_RMR_RANGES 64
#define ACPI_IORT_NAME_MAX       64
#define ACPI_IORT_MAX_DEPTH      8
#define ACPI_IORT_NO_NODE        0xffffu

struct acpi_iort_mapping {
	uint32_t offset; /* of this mapping in the table */
	uint32_t input_base;
	uint32_t id_count; /* the field: number of IDs minus one */
	uint32_t output_base;
	uint32_t output_ref; /* byte offset of the output node in the table */
	uint32_t flags;
	uint16_t output_node; /* index in acpi_iort.node[], or ACPI_IORT_NO_NODE */
};

struct acpi_iort_rmr_range {
	uint64_t base, length;
};

/* Memory access properties of a named component or root complex (DEN 0049E.d §3.1.1.4, §3.1.1.5). */
struct acpi_iort_mem_access {
	uint32_t cca;  /* cache coherent attribute: 1 fully coherent */
	uint8_t hints; /* allocation hints */
	uint8_t flags; /* bit 0 CPM, bit 1 DACS, bit 2 CANWBS (E.e) */
};

#define ACPI_IORT_MAF_CPM  0x1u /* coherent path to memory */
#define ACPI_IORT_MAF_DACS 0x2u /* device attributes are cacheable and inner shareable */

struct acpi_iort_node {
	uint32_t offset;
	uint8_t type;
	uint8_t revision;
	uint16_t length;
	uint32_t identifier;
	uint32_t mapping_count;        /* the field */
	uint32_t mapping_offset;       /* the field, from the node's start */
	uint16_t map_first, map_count; /* stored mappings in acpi_iort.mapping[] */
	union {
		struct {
			uint16_t first, count; /* in acpi_iort.its_id[] */
		} its;
		struct {
			uint32_t flags;
			struct acpi_iort_mem_access mem;
			uint8_t mem_addr_limit;
			char name[ACPI_IORT_NAME_MAX];
		} nc;
		struct {
			struct acpi_iort_mem_access mem;
			uint32_t ats;
			uint32_t segment;
			uint8_t mem_addr_limit;
			uint32_t flags;
		} rc;
		struct {
			uint64_t base, span;
			uint32_t model, flags;
		} smmu;
		struct {
			uint64_t base, vatos;
			uint32_t flags, model;
			uint32_t event_gsiv, pri_gsiv, gerr_gsiv, sync_gsiv;
			uint32_t proximity_domain, deviceid_index;
		} smmuv3;
		struct {
			uint64_t page0, page1;
			uint32_t overflow_gsiv;
			uint32_t node_ref;
		} pmcg;
		struct {
			uint32_t flags;
			uint32_t range_declared; /* the field */
			uint16_t first, count;   /* stored in acpi_iort.rmr_range[] */
		} rmr;
	} u;
};

struct acpi_iort {
	uint8_t revision;
	uint32_t length;
	uint32_t node_count_field;
	uint32_t node_offset;
	struct acpi_iort_node node[ACPI_IORT_MAX_NODES];
	unsigned node_count;
	struct acpi_iort_mapping mapping[ACPI_IORT_MAX_MAPPINGS];
	unsigned mapping_count;
	uint32_t its_id[ACPI_IORT_MAX_ITS_IDS];
	unsigned its_id_count;
	struct acpi_iort_rmr_range rmr_range[ACPI_IORT_MAX_RMR_RANGES];
	unsigned rmr_range_count;
	/* Nodes seen of each type (0-6), and of other types. */
	unsigned type_count[7];
	unsigned unknown_count;
	bool overflow;
	bool truncated;
};

/* One hop of a translation: node, the ID going in, the ID coming out. */
struct acpi_iort_step {
	uint16_t node;
	uint8_t type;
	uint32_t in_id, out_id;
};

struct acpi_iort_path {
	unsigned step_count;
	struct acpi_iort_step step[ACPI_IORT_MAX_DEPTH];
	uint16_t rc_node;
	bool has_smmu;
	uint16_t smmu_node;
	uint32_t stream_id;
	uint16_t its_node; /* ITS group reached, or ACPI_IORT_NO_NODE */
	uint32_t device_id;
};

/*
 * Returns 0 (possibly with findings), -EINVAL (not an IORT / header
 * unusable) or -EBADMSG (shorter than the 48-byte fixed part).
 */
int acpi_iort_parse(const uint8_t *data, uint32_t len, struct acpi_iort *io, struct findings *f);

/*
 * The last input ID range mapping m of node n serves. NumIDs is the number
 * of IDs minus one (DEN 0049 §3.4), so m covers input_base + id_count,
 * unless another range of n starts at that ID (NumIDs written as a count,
 * iort.mappings-off-by-one): then the ID is the other range's and m ends
 * one before, as Linux's iort_id_map decides. A single mapping's input is
 * its input_base. acpi_iort_map_id and the cross checks both go by it.
 */
uint64_t acpi_iort_mapping_last_input(const struct acpi_iort *io, const struct acpi_iort_node *n,
				      const struct acpi_iort_mapping *m);

/*
 * Maps in_id through node's ID mappings. Returns 0 with the output node
 * index and ID, -ENOENT (no mapping covers in_id) or -EINVAL (bad index,
 * or the mapping's output reference points at no node).
 */
int acpi_iort_map_id(const struct acpi_iort *io, unsigned node, uint32_t in_id, unsigned *out_node,
		     uint32_t *out_id);

/*
 * Follows root complex (of PCI segment `segment`) -> (SMMU ->) ITS group
 * for requester ID rid. Returns 0 when an ITS group is reached (path has
 * DeviceID and, through an SMMU, the StreamID), -ENOENT (no root complex
 * for the segment or no mapping), -EINVAL (an output points at a node
 * that cannot take it), -EOVERFLOW (more than ACPI_IORT_MAX_DEPTH hops:
 * a loop).
 */
int acpi_iort_map_rid(const struct acpi_iort *io, uint32_t segment, uint32_t rid,
		      struct acpi_iort_path *path);

/* Index of the node at byte offset `offset`, or ACPI_IORT_NO_NODE. */
unsigned acpi_iort_node_at(const struct acpi_iort *io, uint32_t offset);

const char *acpi_iort_type_name(unsigned type);

#endif
