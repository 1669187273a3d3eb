/* SPDX-License-Identifier: MIT */
/* doorbell-acpi --coverage FILE...: which unit handles each requester id. */
#include <stdio.h>

#include "drivers/acpi/acpi_platform.h"
#include "tools/doorbell-acpi/coverage.h"
#include "tools/doorbell-acpi/modes.h"

static struct acpi_tables tables;
static struct findings findings;
static struct acpi_platform platform;
static struct tool_lines lines;

int doorbell_acpi_coverage_main(char *const *paths, int n, doorbell_acpi_load_fn *load,
				unsigned ims_bit)
{
	bool complete;
	if (load(paths, n, &tables, &findings, &complete))
		return 2;
	acpi_platform_init(&platform);
	platform.dmar_ims_bit = ims_bit;
	platform.tables_complete = complete;
	acpi_platform_parse(&platform, &tables, &findings);
	tool_lines_init(&lines);
	struct coverage_summary s = acpi_coverage(&platform, &lines);
	tool_lines_print(&lines, stdout);
	printf("# doorbell-acpi --coverage: %u ranges over %u ids, %u uncovered, %u claimed twice, "
	       "%u aliases\n",
	       s.runs, s.ids, s.uncovered, s.claimed_twice, s.aliases);
	return s.uncovered || s.claimed_twice || s.aliases ? 1 : 0;
}
