/* SPDX-License-Identifier: MIT */
/*
 * doorbell-acpi's analysis: the guest's parsers, cross checks and policy
 * over the input, each finding tied to the table (and so the file) it is
 * about, repeated findings folded.
 */
#ifndef DOORBELL_ACPI_ANALYSIS_H
#define DOORBELL_ACPI_ANALYSIS_H

#include <stdbool.h>

#include "kernel/findings.h"
#include "tools/doorbell-acpi/input.h"

struct tool_finding {
	int table; /* index in input.table, -1 when the source names no table given */
	enum finding_severity severity;
	char source[8];
	uint32_t offset; /* of the first occurrence; FINDING_NO_OFFSET if none */
	const struct finding_check *check;
	char text[FINDING_TEXT_MAX];
	unsigned count; /* occurrences with the same table, severity, check and text */
};

struct analysis {
	struct tool_finding *finding;
	unsigned count, cap;
	unsigned by_severity[3]; /* every occurrence, those not stored included */
	unsigned dropped;        /* past FINDINGS_MAX in one parse: counted, not stored */
	char *facts;             /* `# fact` lines of the tables given */
	char *policy;            /* the policy report (detection, verdict) */
	bool tables_complete;
};

/*
 * The first table of each signature is parsed together, as the guest's
 * platform; every further one alone, for its findings. Returns 0, or
 * -ENOSPC (more signatures than ACPI_MAX_TABLES) / -ENOMEM, said on stderr.
 */
int analysis_run(const struct input *in, struct analysis *a);

/* The table's name in the report: "DMAR", "SSDT #3", "DMAR (dmar-foo.dat)", ... */
void analysis_table_label(const struct input *in, int table, char *buf, unsigned size);

#endif
