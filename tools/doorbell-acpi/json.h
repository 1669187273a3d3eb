/* SPDX-License-Identifier: MIT */
/*
 * A small JSON writer (RFC 8259): commas and escaping are its business.
 * Strings are written as ASCII: quote, backslash and control characters
 * escaped (§7), well-formed UTF-8 (the specification's "§") as \uXXXX,
 * any other byte from 0x7f up as \u00XX (read as Latin-1), so whatever
 * bytes a table or a path holds give valid JSON.
 */
#ifndef DOORBELL_ACPI_JSON_H
#define DOORBELL_ACPI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_DEPTH_MAX 16

struct json_writer {
	FILE *out;
	unsigned depth;
	bool has_items[JSON_DEPTH_MAX]; /* a comma goes before the next item */
	bool after_key;
};

void json_init(struct json_writer *w, FILE *out);
void json_object_begin(struct json_writer *w);
void json_object_end(struct json_writer *w);
void json_array_begin(struct json_writer *w);
void json_array_end(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
void json_string(struct json_writer *w, const char *s);
void json_string_n(struct json_writer *w, const char *s, size_t n);
void json_uint(struct json_writer *w, uint64_t v);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);
/* A string, or null for NULL. */
void json_string_or_null(struct json_writer *w, const char *s);

#endif
