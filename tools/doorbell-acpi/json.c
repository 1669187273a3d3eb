/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/json.h"

#include <string.h>

void json_init(struct json_writer *w, FILE *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

/* Before any value or key: the comma that separates it from the one before. */
static void json_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->has_items[w->depth])
		fputc(',', w->out);
	w->has_items[w->depth] = true;
}

static void json_open(struct json_writer *w, char c)
{
	json_item(w);
	fputc(c, w->out);
	if (w->depth + 1 < JSON_DEPTH_MAX)
		w->depth++;
	w->has_items[w->depth] = false;
}

static void json_close(struct json_writer *w, char c)
{
	fputc(c, w->out);
	if (w->depth)
		w->depth--;
}

void json_object_begin(struct json_writer *w)
{
	json_open(w, '{');
}

void json_object_end(struct json_writer *w)
{
	json_close(w, '}');
}

void json_array_begin(struct json_writer *w)
{
	json_open(w, '[');
}

void json_array_end(struct json_writer *w)
{
	json_close(w, ']');
}

static void json_quoted(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);
		}
	}
	fputc('"', out);
}

void json_key(struct json_writer *w, const char *key)
{
	json_item(w);
	json_quoted(w->out, key, strlen(key));
	fputc(':', w->out);
	w->after_key = true;
}

void json_string_n(struct json_writer *w, const char *s, size_t n)
{
	json_item(w);
	json_quoted(w->out, s, n);
}

void json_string(struct json_writer *w, const char *s)
{
	json_string_n(w, s, strlen(s));
}

void json_string_or_null(struct json_writer *w, const char *s)
{
	if (s)
		json_string(w, s);
	else
		json_null(w);
}

void json_uint(struct json_writer *w, uint64_t v)
{
	json_item(w);
	fprintf(w->out, "%llu", (unsigned long long)v);
}

void json_bool(struct json_writer *w, bool v)
{
	json_item(w);
	fputs(v ? "true" : "false", w->out);
}

void json_null(struct json_writer *w)
{
	json_item(w);
	fputs("null", w->out);
}
