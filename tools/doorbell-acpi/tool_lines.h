/* SPDX-License-Identifier: MIT */
/*
 * The output of doorbell-acpi's --diff and --coverage: lines kept in
 * memory, each in a group (a table signature, a section), so that the
 * logic stays pure and the tests can compare exact lines.
 */
#ifndef DOORBELL_ACPI_TOOL_LINES_H
#define DOORBELL_ACPI_TOOL_LINES_H

#include <stdio.h>

#define TOOL_LINE_LEN  200
#define TOOL_LINES_MAX 4096

struct tool_line {
	char group[12];
	char text[TOOL_LINE_LEN];
};

struct tool_lines {
	unsigned count;   /* stored */
	unsigned dropped; /* not stored: the list was full */
	struct tool_line line[TOOL_LINES_MAX];
};

void tool_lines_init(struct tool_lines *l);
/* Adds a line in group (at most 11 characters); text longer than TOOL_LINE_LEN is cut. */
void tool_lines_add(struct tool_lines *l, const char *group, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Lines of group, counted. */
unsigned tool_lines_in(const struct tool_lines *l, const char *group);
/* Index of the first line of group whose text is exactly text, or -1. */
int tool_lines_find(const struct tool_lines *l, const char *group, const char *text);
/*
 * Prints the lines group by group, in the order the groups first appear:
 * "# <group>" then the group's lines; a note when lines were dropped.
 */
void tool_lines_print(const struct tool_lines *l, FILE *out);

#endif
