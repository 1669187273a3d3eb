/* SPDX-License-Identifier: MIT */
/*
 * doorbell-acpi: the firmware engineer's command. Reads raw ACPI tables
 * (.dat/.aml/.bin) or acpidump text dumps, any number, parses them with the
 * guest's parsers and reports the findings by table, then the facts.
 *
 *   doorbell-acpi [--no-dump] [--json] [--policy] [--ims-bit N] [--arch A]
 *                 [--cpuid-hypervisor 0|1] FILE...
 *   doorbell-acpi [--ims-bit N] --diff OLD NEW      (diff_cmd.c)
 *   doorbell-acpi [--ims-bit N] --coverage FILE...  (coverage_cmd.c)
 *
 * Exit status: 0 no error finding, 1 error findings, 2 unreadable input,
 * a usage error or a tool limit. The policy's verdict does not change it.
 */
#include <stdio.h>

#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"
#include "kernel/findings.h"
#include "tools/doorbell-acpi/analysis.h"
#include "tools/doorbell-acpi/input.h"
#include "tools/doorbell-acpi/modes.h"
#include "tools/doorbell-acpi/options.h"
#include "tools/doorbell-acpi/report.h"

static struct input input;
static struct analysis analysis;

/* The input set being loaded by load_set (doorbell_acpi_each_file takes a plain callback). */
static struct input *set_input;

static int load_one(const char *path)
{
	return input_load_file(set_input, path);
}

/* One machine's tables for --diff and --coverage, read through the same loader as the report. */
static int load_set(char *const *paths, int n, struct acpi_tables *t, struct findings *f,
		    bool *complete)
{
	static struct input sets[2];
	static unsigned next;
	set_input = &sets[next++ % 2];
	*set_input = (struct input){0};
	int status = 0;
	for (int i = 0; i < n; i++)
		if (doorbell_acpi_each_file(paths[i], load_one))
			status = 2;
	acpi_tables_init(t);
	findings_init(f);
	for (unsigned i = 0; !status && i < set_input->count; i++) {
		const struct input_table *it = &set_input->table[i];
		int err = acpi_tables_add(t, it->data, it->len, f);
		if (err) {
			fprintf(stderr, "doorbell-acpi: %s: %s table not usable (%s)\n", it->file,
				it->sig, errno_name(err));
			status = 2;
		} else {
			t->table[t->count - 1].phys = it->phys;
		}
	}
	*complete = set_input->dump_loaded;
	return status;
}

int main(int argc, char **argv)
{
	int status = doorbell_acpi_parse_options(argc, argv);
	if (status >= 0)
		return status;
	const struct doorbell_acpi_options *o = &doorbell_acpi_options;
	if (o->diff_old)
		return doorbell_acpi_diff_main(o->diff_old, o->diff_new, load_set, o->ims_bit);
	if (o->coverage)
		return doorbell_acpi_coverage_main(argv + o->first, argc - o->first, load_set,
						   o->ims_bit);
	status = 0;
	for (int i = o->first; i < argc; i++)
		if (input_load_file(&input, argv[i]))
			status = 2;
	if (status)
		return status;
	if (analysis_run(&input, &analysis))
		return 2;
	if (o->json)
		report_json(&input, &analysis);
	else
		report_text(&input, &analysis);
	return report_exit_status(&analysis);
}
