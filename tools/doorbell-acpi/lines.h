/* SPDX-License-Identifier: MIT */
/* Walks captured console text line by line; `# fact key=value` lines split. */
#ifndef DOORBELL_ACPI_LINES_H
#define DOORBELL_ACPI_LINES_H

#include <stdbool.h>
#include <stddef.h>

struct text_line {
	const char *start; /* the line without its newline */
	size_t len;
	bool is_fact;
	const char *key, *value; /* within the line when is_fact */
	size_t key_len, value_len;
};

/* Next line of *pos; false at the end. */
bool text_line_next(const char **pos, struct text_line *l);

/* The value of fact key in text, copied to buf ("?" when absent). */
const char *text_fact(const char *text, const char *key, char *buf, size_t size);

#endif
