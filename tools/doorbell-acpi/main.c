/* SPDX-License-Identifier: MIT */
/*
 * doorbell-acpi: the firmware engineer's command. Reads raw ACPI tables
 * (.dat/.aml/.bin) or acpidump text dumps, any number, parses them with the
 * guest's parsers and reports the findings by table, then the facts.
 *
 *   doorbell-acpi [--no-dump] [--json] [--policy] [--ims-bit N] [--arch A]
 *                 [--cpuid-hypervisor 0|1] FILE...
 *
 * Exit status: 0 no error finding, 1 error findings, 2 unreadable input,
 * a usage error or a tool limit. The policy's verdict does not change it.
 */
#include <stdio.h>

#include "tools/doorbell-acpi/analysis.h"
#include "tools/doorbell-acpi/input.h"
#include "tools/doorbell-acpi/options.h"
#include "tools/doorbell-acpi/report.h"

static struct input input;
static struct analysis analysis;

int main(int argc, char **argv)
{
	int status = doorbell_acpi_parse_options(argc, argv);
	if (status >= 0)
		return status;
	status = 0;
	for (int i = doorbell_acpi_options.first; i < argc; i++)
		if (input_load_file(&input, argv[i]))
			status = 2;
	if (status)
		return status;
	if (analysis_run(&input, &analysis))
		return 2;
	if (doorbell_acpi_options.json)
		report_json(&input, &analysis);
	else
		report_text(&input, &analysis);
	return report_exit_status(&analysis);
}
