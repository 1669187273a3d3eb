/* SPDX-License-Identifier: MIT */
/*
 * Findings: what validation found wrong or noteworthy in firmware tables
 * or hardware, each with its source (table signature and byte offset, or
 * a device) and a severity. Shared by the ACPI parsers, the IOMMU and ITS
 * probes, the guest report and the host tool doorbell-acpi.
 */
#ifndef DOORBELL_FINDINGS_H
#define DOORBELL_FINDINGS_H

#include <stdint.h>

enum finding_severity {
	FINDING_INFO = 0,
	FINDING_WARNING = 1,
	FINDING_ERROR = 2,
};

#define FINDING_TEXT_MAX 240
#define FINDINGS_MAX     256

/*
 * A check: a stable id ("dmar.ioapic-not-in-scope", "<table>.<what>") that
 * tools and the corpus golden file count by, and what Linux does when it
 * meets the same condition: its message and fallback (linux_does), and the
 * command-line override a user could pass (linux_override). Either may be NULL.
 * Defined once, static const, where the check is made.
 */
struct finding_check {
	const char *id;
	const char *linux_does;
	const char *linux_override;
};

struct finding {
	enum finding_severity severity;
	char source[8];                    /* "DMAR", "IORT", "VTD0", ... */
	uint32_t offset;                   /* byte offset in the table; FINDING_NO_OFFSET if none */
	const struct finding_check *check; /* NULL for a finding without an id */
	char text[FINDING_TEXT_MAX];
};

#define FINDING_NO_OFFSET 0xffffffffu

struct findings {
	unsigned count;   /* stored, at most FINDINGS_MAX */
	unsigned dropped; /* not stored because the list was full */
	unsigned by_severity[3];
	struct finding item[FINDINGS_MAX];
};

void findings_init(struct findings *f);
/* f may be NULL: the finding is then dropped. */
void finding_add(struct findings *f, enum finding_severity sev, const char *source, uint32_t offset,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* As finding_add, for a finding that has a check id (check may be NULL). */
void finding_add_check(struct findings *f, const struct finding_check *check,
		       enum finding_severity sev, const char *source, uint32_t offset,
		       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The finding's check id, or NULL. */
const char *finding_id(const struct finding *it);
const char *finding_severity_name(enum finding_severity sev);
/*
 * Prints "# finding <severity> <source>+0x<off>: <text>" lines; a finding
 * with a check id has "[<id>] " before its text, and the check's
 * consequence follows on "#   linux: <what Linux does>" and
 * "#   linux-override: <command line>" lines.
 */
void findings_print(const struct findings *f);

#endif
