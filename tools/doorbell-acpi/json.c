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

/*
 * The code point of a well-formed UTF-8 sequence at s (RFC 3629 §4: no
 * overlong forms, no surrogates, at most U+10FFFF); its length in *used,
 * 0 when the bytes are not one.
 */
static uint32_t utf8_decode(const unsigned char *s, size_t n, size_t *used)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	*used = 0;
	if (!len || len > n || s[0] >= 0xf8)
		return 0;
	uint32_t cp = s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
		return 0;
	*used = len;
	return cp;
}

static void json_quoted(FILE *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		size_t used;
		uint32_t cp = c >= 0x80 ? utf8_decode(s + i, n - i, &used) : 0;
		if (cp >= 0x10000) { /* a surrogate pair (RFC 8259 §7) */
			cp -= 0x10000;
			fprintf(out, "\\u%04x\\u%04x", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
			i += used - 1;
			continue;
		}
		if (cp) {
			fprintf(out, "\\u%04x", cp);
			i += used - 1;
			continue;
		}
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
