/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/lines.h"

#include <stdio.h>
#include <string.h>

#define FACT_PREFIX "# fact "

bool text_line_next(const char **pos, struct text_line *l)
{
	const char *p = *pos;
	if (!p || !*p)
		return false;
	const char *nl = strchr(p, '\n');
	memset(l, 0, sizeof(*l));
	l->start = p;
	l->len = nl ? (size_t)(nl - p) : strlen(p);
	*pos = nl ? nl + 1 : p + l->len;
	size_t pl = sizeof(FACT_PREFIX) - 1;
	const char *eq = memchr(p, '=', l->len);
	if (l->len > pl && !strncmp(p, FACT_PREFIX, pl) && eq) {
		l->is_fact = true;
		l->key = p + pl;
		l->key_len = (size_t)(eq - l->key);
		l->value = eq + 1;
		l->value_len = l->len - (size_t)(l->value - p);
	}
	return true;
}

const char *text_fact(const char *text, const char *key, char *buf, size_t size)
{
	struct text_line l;
	snprintf(buf, size, "?");
	while (text_line_next(&text, &l))
		if (l.is_fact && l.key_len == strlen(key) && !strncmp(l.key, key, l.key_len))
			snprintf(buf, size, "%.*s", (int)l.value_len, l.value);
	return buf;
}
