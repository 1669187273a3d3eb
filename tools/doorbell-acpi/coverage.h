/* SPDX-License-Identifier: MIT */
/*
 * doorbell-acpi --coverage: which unit handles each PCI requester id.
 *
 * The ids are those of the MCFG's segments and bus ranges (PCI Firmware
 * spec 3.3 §4.1.2); without an MCFG, buses 00-ff of every segment the DMAR
 * or IORT names (segment 0 when neither does), and a line says so.
 * On x86 an id goes to the DRHD whose device scope names it, else to its
 * segment's INCLUDE_PCI_ALL unit (VT-d spec §8.3, the order of
 * vtd_drhd_for_rid); its interrupt remapping source-id is the requester id
 * (VT-d spec §5.1.1). On arm64 an id takes the IORT path root complex ->
 * (SMMU, StreamID) -> ITS group, DeviceID (DEN0049 ID mappings, through
 * acpi_iort_map_rid).
 *
 * The host has no PCI topology: a scope path through bridges is not
 * resolved, and a sub-hierarchy scope covers its bridge's function only.
 *
 * Consecutive ids with the same unit and a linear (or constant) ID map
 * fold into one range. Then the flags: ids nothing covers, ids two units
 * (or two ID mappings) claim, ids that share a StreamID or DeviceID with
 * other ids (aliasing).
 */
#ifndef DOORBELL_ACPI_COVERAGE_H
#define DOORBELL_ACPI_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/acpi/acpi_platform.h"
#include "tools/doorbell-acpi/tool_lines.h"

#define COVERAGE_MAX_RUNS    4096
#define COVERAGE_MAX_ALIASES 64

enum coverage_mode {
	COVERAGE_ONE = 0,    /* a single id */
	COVERAGE_LINEAR = 1, /* output = id + a constant */
	COVERAGE_CONSTANT = 2,
};

/* One range of requester ids with the same unit and ID map. */
struct coverage_run {
	uint16_t segment;
	uint16_t lo, hi; /* requester ids, inclusive */
	int err;         /* 0: covered; else why not (-ENODEV, -ENOENT, -EINVAL, -EOVERFLOW) */
	int unit;        /* x86: DRHD index; arm64: root complex node index; -1: none */
	int second;      /* a second claimant (x86: DRHD index; arm64: RC node index), or -1 */
	uint16_t smmu_node, its_node; /* ACPI_IORT_NO_NODE when not reached */
	uint32_t sid, did;            /* StreamID and DeviceID of lo */
	enum coverage_mode mode;
};

struct coverage_summary {
	unsigned runs;
	unsigned ids;           /* requester ids looked at */
	unsigned uncovered;     /* ids */
	unsigned claimed_twice; /* ids */
	unsigned aliases;       /* alias flags */
};

/*
 * Adds the map to out: group "input" (what was assumed), "DMAR" (x86),
 * "IORT" (arm64), "flags" ('!' lines). Returns the counts.
 */
struct coverage_summary acpi_coverage(const struct acpi_platform *p, struct tool_lines *out);

/* The ranges of the last acpi_coverage call (for the tests). */
const struct coverage_run *coverage_runs(unsigned *count);

/* "ssss:bb-bb" for whole buses, else "ssss:bb:dd.f-ssss:bb:dd.f" (one id: no "-..."). */
void coverage_range_name(uint16_t segment, uint16_t lo, uint16_t hi, char *buf, size_t len);

#endif

/* For the walkers (coverage_vtd.c, coverage_iort.c): a one-id run, folded into the last run. */
void coverage_add(const struct coverage_run *one);
void coverage_vtd(const struct acpi_dmar *d, uint16_t segment, uint8_t bus_lo, uint8_t bus_hi);
void coverage_iort(const struct acpi_iort *io, uint16_t segment, uint8_t bus_lo, uint8_t bus_hi);
/* The '!' lines of the ranges: uncovered, claimed twice, aliased; adds to s. */
void coverage_flags(const struct acpi_platform *p, bool iort, struct tool_lines *out,
		    struct coverage_summary *s);
/* The unit of a run as printed: "DRHD0 (0xfed90000)", "RC0 -> SMMUv3@0x2b400000 sid=rid -> ...". */
void coverage_unit_name(const struct acpi_platform *p, const struct coverage_run *r, bool iort,
			char *buf, size_t len);
