/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/tool_lines.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

void tool_lines_init(struct tool_lines *l)
{
	l->count = 0;
	l->dropped = 0;
}

void tool_lines_add(struct tool_lines *l, const char *group, const char *fmt, ...)
{
	if (l->count >= TOOL_LINES_MAX) {
		l->dropped++;
		return;
	}
	struct tool_line *ln = &l->line[l->count++];
	snprintf(ln->group, sizeof(ln->group), "%s", group);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ln->text, sizeof(ln->text), fmt, ap);
	va_end(ap);
}

unsigned tool_lines_in(const struct tool_lines *l, const char *group)
{
	unsigned n = 0;
	for (unsigned i = 0; i < l->count; i++)
		n += !strcmp(l->line[i].group, group);
	return n;
}

int tool_lines_find(const struct tool_lines *l, const char *group, const char *text)
{
	for (unsigned i = 0; i < l->count; i++)
		if (!strcmp(l->line[i].group, group) && !strcmp(l->line[i].text, text))
			return (int)i;
	return -1;
}

void tool_lines_print(const struct tool_lines *l, FILE *out)
{
	for (unsigned i = 0; i < l->count; i++) {
		bool first = true;
		for (unsigned j = 0; j < i && first; j++)
			first = strcmp(l->line[j].group, l->line[i].group) != 0;
		if (!first)
			continue;
		fprintf(out, "# %s\n", l->line[i].group);
		for (unsigned j = i; j < l->count; j++)
			if (!strcmp(l->line[j].group, l->line[i].group))
				fprintf(out, "%s\n", l->line[j].text);
	}
	if (l->dropped)
		fprintf(out, "# %u more lines not shown\n", l->dropped);
}
