/* SPDX-License-Identifier: MIT */
/* doorbell-acpi's two outputs of one analysis: text (report_text.c) and JSON (report_json.c). */
#ifndef DOORBELL_ACPI_REPORT_H
#define DOORBELL_ACPI_REPORT_H

#include "tools/doorbell-acpi/analysis.h"
#include "tools/doorbell-acpi/input.h"

/* The exit status the analysis gives: 1 with error findings, else 0. */
int report_exit_status(const struct analysis *a);

void report_text(const struct input *in, const struct analysis *a);
void report_json(const struct input *in, const struct analysis *a);

/* The findings of one group (a table index, -1 for none) in print order: errors first. */
unsigned report_group(const struct analysis *a, int table, const struct tool_finding **out,
		      unsigned max);

#endif
