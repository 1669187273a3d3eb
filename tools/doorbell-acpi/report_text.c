/* SPDX-License-Identifier: MIT */
/*
 * Text: findings grouped by table, the `# fact` lines of the tables given,
 * the policy report with --policy, the acpidump-format dump unless
 * --no-dump, and a summary line last.
 */
#include <stdio.h>
#include <stdlib.h>

#include "drivers/acpi/acpi_print.h"
#include "tools/doorbell-acpi/lines.h"
#include "tools/doorbell-acpi/options.h"
#include "tools/doorbell-acpi/report.h"

int report_exit_status(const struct analysis *a)
{
	return a->by_severity[FINDING_ERROR] ? 1 : 0;
}

unsigned report_group(const struct analysis *a, int table, const struct tool_finding **out,
		      unsigned max)
{
	unsigned n = 0;
	for (int sev = FINDING_ERROR; sev >= FINDING_INFO; sev--)
		for (unsigned k = 0; k < a->count; k++)
			if (a->finding[k].table == table && (int)a->finding[k].severity == sev &&
			    n < max)
				out[n++] = &a->finding[k];
	return n;
}

static const char *plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void print_finding(const struct input *in, const struct tool_finding *g)
{
	printf("# finding %s %s", finding_severity_name(g->severity), g->source);
	if (g->offset != FINDING_NO_OFFSET)
		printf("+0x%x", g->offset);
	if (g->table >= 0 && in->files > 1)
		printf(" (%s)", in->table[g->table].file);
	const char *id = g->check ? g->check->id : NULL;
	if (id)
		printf(": [%s] %s", id, g->text);
	else
		printf(": %s", g->text);
	if (g->count > 1)
		printf(" (x %u)", g->count);
	putchar('\n');
	if (g->check && g->check->linux_does)
		printf("#   linux: %s\n", g->check->linux_does);
	if (g->check && g->check->linux_override)
		printf("#   linux-override: %s\n", g->check->linux_override);
}

static void print_group(const struct input *in, const struct analysis *a, int table,
			const struct tool_finding **buf)
{
	unsigned n = report_group(a, table, buf, a->count);
	if (!n)
		return;
	unsigned sev[3] = {0, 0, 0};
	for (unsigned k = 0; k < n; k++)
		sev[buf[k]->severity] += buf[k]->count;
	char label[512];
	analysis_table_label(in, table, label, sizeof(label));
	printf("# %s: %u %s, %u %s, %u info", table < 0 ? "other" : label, sev[FINDING_ERROR],
	       plural(sev[FINDING_ERROR], "error", "errors"), sev[FINDING_WARNING],
	       plural(sev[FINDING_WARNING], "warning", "warnings"), sev[FINDING_INFO]);
	if (table >= 0 && in->table[table].instance > 1)
		printf(" (checked alone: the first %s given is the one the platform uses)",
		       in->table[table].sig);
	putchar('\n');
	for (unsigned k = 0; k < n; k++)
		print_finding(in, buf[k]);
}

static void print_dump(const struct input *in)
{
	for (unsigned i = 0; i < in->count; i++)
		acpi_print_dump(in->table[i].sig, in->table[i].phys, in->table[i].data,
				in->table[i].len);
}

void report_text(const struct input *in, const struct analysis *a)
{
	const struct tool_finding **buf = malloc((a->count + 1) * sizeof(*buf));
	if (!buf)
		return;
	for (unsigned i = 0; i < in->count; i++)
		print_group(in, a, (int)i, buf);
	print_group(in, a, -1, buf);
	free(buf);
	if (a->dropped)
		printf("# doorbell-acpi: %u more findings not stored (FINDINGS_MAX is %u a "
		       "parse); counted in the summary\n",
		       a->dropped, FINDINGS_MAX);
	fputs(a->facts, stdout);
	if (doorbell_acpi_options.policy)
		fputs(a->policy, stdout);
	if (doorbell_acpi_options.dump)
		print_dump(in);
	if (doorbell_acpi_options.policy) {
		char kind[64], ims[64], x2apic[64], ir[64];
		printf("# doorbell-acpi: policy: platform %s, ims %s, x2apic %s, intremap %s "
		       "(not part of the exit status)\n",
		       text_fact(a->policy, "platform.kind", kind, sizeof(kind)),
		       text_fact(a->policy, "policy.ims", ims, sizeof(ims)),
		       text_fact(a->policy, "policy.x2apic", x2apic, sizeof(x2apic)),
		       text_fact(a->policy, "policy.intremap", ir, sizeof(ir)));
	}
	printf("# doorbell-acpi: %u %s from %u %s: %u %s, %u %s, %u info: exit %d\n", in->count,
	       plural(in->count, "table", "tables"), in->files, plural(in->files, "file", "files"),
	       a->by_severity[FINDING_ERROR],
	       plural(a->by_severity[FINDING_ERROR], "error", "errors"),
	       a->by_severity[FINDING_WARNING],
	       plural(a->by_severity[FINDING_WARNING], "warning", "warnings"),
	       a->by_severity[FINDING_INFO], report_exit_status(a));
}
