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

#define FINDING_TEXT_MAX 160
#define FINDINGS_MAX     256

struct finding {
	enum finding_severity severity;
	char source[8];  /* "DMAR", "IORT", "VTD0", ... */
	uint32_t offset; /* byte offset in the table; FINDING_NO_OFFSET if none */
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
const char *finding_severity_name(enum finding_severity sev);
/* Prints "# finding <severity> <source>+0x<off>: <text>" lines. */
void findings_print(const struct findings *f);

#endif
