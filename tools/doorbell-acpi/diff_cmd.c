/* SPDX-License-Identifier: MIT */
/* doorbell-acpi --diff OLD NEW: the changes in meaning from one firmware version to the next. */
#include <stdio.h>

#include "drivers/acpi/acpi_platform.h"
#include "tools/doorbell-acpi/acpi_diff.h"
#include "tools/doorbell-acpi/modes.h"

static struct acpi_tables old_t, new_t;
static struct findings old_f, new_f;
static struct acpi_platform old_p, new_p;
static struct tool_lines lines;

static void parse(struct acpi_platform *p, const struct acpi_tables *t, struct findings *f,
		  bool complete, unsigned ims_bit)
{
	acpi_platform_init(p);
	p->dmar_ims_bit = ims_bit;
	p->tables_complete = complete;
	acpi_platform_parse(p, t, f);
}

int doorbell_acpi_diff_main(const char *old_path, const char *new_path, doorbell_acpi_load_fn *load,
			    unsigned ims_bit)
{
	bool old_complete, new_complete;
	char *old_arg[] = {(char *)old_path}, *new_arg[] = {(char *)new_path};
	if (load(old_arg, 1, &old_t, &old_f, &old_complete) ||
	    load(new_arg, 1, &new_t, &new_f, &new_complete))
		return 2;
	parse(&old_p, &old_t, &old_f, old_complete, ims_bit);
	parse(&new_p, &new_t, &new_f, new_complete, ims_bit);
	tool_lines_init(&lines);
	unsigned n = acpi_diff(&old_p, &old_f, &new_p, &new_f, &lines);
	printf("# doorbell-acpi --diff %s (%u tables) -> %s (%u tables)\n", old_path, old_t.count,
	       new_path, new_t.count);
	tool_lines_print(&lines, stdout);
	printf("# doorbell-acpi --diff: %u change%s in meaning\n", n, n == 1 ? "" : "s");
	return n ? 1 : 0;
}
