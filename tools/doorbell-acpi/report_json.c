/* SPDX-License-Identifier: MIT */
/*
 * --json: the text report's content as one JSON document, for scripts:
 *   {"tool", "files", "tables", "findings": [{file, table, instance, offset,
 *    severity, id, message, linux, linux_override, count}], "findings_not_stored",
 *    "facts": {key: value}, "policy" (with --policy only), "verdict"}.
 * No dump: the tables are the input.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tools/doorbell-acpi/json.h"
#include "tools/doorbell-acpi/lines.h"
#include "tools/doorbell-acpi/options.h"
#include "tools/doorbell-acpi/report.h"

static void json_finding(struct json_writer *w, const struct input *in,
			 const struct tool_finding *g)
{
	const struct input_table *t = g->table >= 0 ? &in->table[g->table] : NULL;
	json_object_begin(w);
	json_key(w, "file");
	json_string_or_null(w, t ? t->file : NULL);
	json_key(w, "table");
	json_string(w, t ? t->sig : g->source);
	json_key(w, "instance");
	if (t)
		json_uint(w, t->instance_in_file);
	else
		json_null(w);
	json_key(w, "offset");
	if (g->offset != FINDING_NO_OFFSET)
		json_uint(w, g->offset);
	else
		json_null(w);
	json_key(w, "severity");
	json_string(w, finding_severity_name(g->severity));
	json_key(w, "id");
	json_string_or_null(w, g->check ? g->check->id : NULL);
	json_key(w, "message");
	json_string(w, g->text);
	json_key(w, "linux");
	json_string_or_null(w, g->check ? g->check->linux_does : NULL);
	json_key(w, "linux_override");
	json_string_or_null(w, g->check ? g->check->linux_override : NULL);
	json_key(w, "count");
	json_uint(w, g->count);
	json_object_end(w);
}

/* The fact lines of text as members of the current object; other lines into notes. */
static void json_facts(struct json_writer *w, const char *text, bool notes)
{
	struct text_line l;
	const char *p = text;
	while (text_line_next(&p, &l)) {
		if (!l.is_fact)
			continue;
		char key[128];
		snprintf(key, sizeof(key), "%.*s", (int)l.key_len, l.key);
		json_key(w, key);
		json_string_n(w, l.value, l.value_len);
	}
	if (!notes)
		return;
	json_key(w, "notes");
	json_array_begin(w);
	for (p = text; text_line_next(&p, &l);)
		if (!l.is_fact)
			json_string_n(w, l.start + (l.len >= 2 && l.start[0] == '#' ? 2 : 0),
				      l.len >= 2 && l.start[0] == '#' ? l.len - 2 : l.len);
	json_array_end(w);
}

static void json_tables(struct json_writer *w, const struct input *in)
{
	json_key(w, "tables");
	json_array_begin(w);
	for (unsigned i = 0; i < in->count; i++) {
		const struct input_table *t = &in->table[i];
		json_object_begin(w);
		json_key(w, "file");
		json_string(w, t->file);
		json_key(w, "table");
		json_string(w, t->sig);
		json_key(w, "instance");
		json_uint(w, t->instance_in_file);
		json_key(w, "length");
		json_uint(w, t->len);
		json_key(w, "used_by_platform");
		json_bool(w, t->instance == 1);
		json_object_end(w);
	}
	json_array_end(w);
}

static void json_verdict(struct json_writer *w, const struct analysis *a)
{
	json_key(w, "verdict");
	json_object_begin(w);
	json_key(w, "errors");
	json_uint(w, a->by_severity[FINDING_ERROR]);
	json_key(w, "warnings");
	json_uint(w, a->by_severity[FINDING_WARNING]);
	json_key(w, "info");
	json_uint(w, a->by_severity[FINDING_INFO]);
	json_key(w, "exit_status");
	json_uint(w, (uint64_t)report_exit_status(a));
	json_object_end(w);
}

void report_json(const struct input *in, const struct analysis *a)
{
	struct json_writer w;
	json_init(&w, stdout);
	json_object_begin(&w);
	json_key(&w, "tool");
	json_string(&w, "doorbell-acpi");
	json_key(&w, "files");
	json_uint(&w, in->files);
	json_tables(&w, in);
	json_key(&w, "findings");
	json_array_begin(&w);
	const struct tool_finding **buf = malloc((a->count + 1) * sizeof(*buf));
	for (int t = 0; buf && t <= (int)in->count; t++) {
		int table = t < (int)in->count ? t : -1;
		unsigned n = report_group(a, table, buf, a->count);
		for (unsigned k = 0; k < n; k++)
			json_finding(&w, in, buf[k]);
	}
	free(buf);
	json_array_end(&w);
	json_key(&w, "findings_not_stored");
	json_uint(&w, a->dropped);
	json_key(&w, "facts");
	json_object_begin(&w);
	json_facts(&w, a->facts, false);
	json_object_end(&w);
	if (doorbell_acpi_options.policy) {
		json_key(&w, "policy");
		json_object_begin(&w);
		json_facts(&w, a->policy, true);
		json_object_end(&w);
	}
	json_verdict(&w, a);
	json_object_end(&w);
	putchar('\n');
}
