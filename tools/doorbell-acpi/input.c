/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/input.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

/* No ACPI dump is this large; a bigger file is not one. */
#define INPUT_FILE_MAX (64u << 20)

static uint8_t *slurp(const char *path, size_t *len, int *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		*err = errno;
		return NULL;
	}
	size_t cap = 65536, n = 0;
	uint8_t *buf = malloc(cap);
	*err = buf ? 0 : ENOMEM;
	while (buf) {
		n += fread(buf + n, 1, cap - n, fp);
		if (n < cap)
			break;
		uint8_t *nb = cap < INPUT_FILE_MAX ? realloc(buf, cap * 2) : NULL;
		*err = cap < INPUT_FILE_MAX ? ENOMEM : EFBIG;
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	if (buf && ferror(fp)) {
		*err = EIO;
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Appends one table (its bytes are kept until exit); returns 0 or -errno. */
static int input_add(struct input *in, const char *path, const uint8_t *data, size_t len,
		     uint64_t phys)
{
	if (len >= 8 && !memcmp(data, "RSD PTR ", 8))
		return 0; /* the RSDP is not a table */
	/* The same header checks as the guest's table list (ACPI 6.5 §5.2.6). */
	struct acpi_tables *probe = malloc(sizeof(*probe));
	if (!probe)
		return -ENOMEM;
	acpi_tables_init(probe);
	int err = len > 0xffffffffu ? -E2BIG : acpi_tables_add(probe, data, (uint32_t)len, NULL);
	uint32_t length = err ? 0 : probe->table[0].length;
	free(probe);
	if (err) {
		fprintf(stderr, "doorbell-acpi: %s: %.4s: not an ACPI table (%s): %s\n", path,
			len >= 4 ? (const char *)data : "?", errno_name(err),
			"header shorter than 36 bytes, bad signature or length field");
		return err;
	}
	if (in->count == in->cap) {
		unsigned cap = in->cap ? in->cap * 2 : 64;
		struct input_table *nt = realloc(in->table, cap * sizeof(*nt));
		if (!nt)
			return -ENOMEM;
		in->table = nt;
		in->cap = cap;
	}
	struct input_table *t = &in->table[in->count];
	memset(t, 0, sizeof(*t));
	memcpy(t->sig, data, 4);
	t->file = path;
	t->data = data;
	t->len = length;
	t->phys = phys;
	t->instance = t->instance_in_file = 1;
	for (unsigned i = 0; i < in->count; i++) {
		if (memcmp(in->table[i].sig, t->sig, 4))
			continue;
		t->instance++;
		if (in->table[i].file == path)
			t->instance_in_file++;
	}
	in->count++;
	return 0;
}

/*
 * acpidump text: "SIGN @ 0x<addr>" then "    OFFS: XX XX ... ascii" lines,
 * a blank line after each table. Returns the number of tables, or -errno.
 */
static int parse_dump(struct input *in, const char *path, const char *text, size_t len)
{
	int count = 0, err = 0;
	const char *p = text, *end = text + len;
	uint8_t *cur = NULL;
	size_t cur_len = 0, cur_cap = 0;
	uint64_t cur_phys = 0;
	for (;;) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *le = nl ? nl : end;
		const char *at = NULL;
		for (const char *q = p; q + 5 <= le; q++)
			if (!memcmp(q, " @ 0x", 5)) {
				at = q;
				break;
			}
		const char *s = p;
		while (s < le && *s == ' ')
			s++;
		bool header = p < end && at && at - s == 4;
		if (cur && (header || p >= end)) {
			err = input_add(in, path, cur, cur_len, cur_phys);
			if (err)
				return err;
			count++;
			cur = NULL;
		}
		if (p >= end)
			break;
		if (header) {
			cur_cap = 4096;
			cur = malloc(cur_cap);
			if (!cur)
				return -ENOMEM;
			cur_len = 0;
			cur_phys = strtoull(at + 3, NULL, 16);
		} else if (cur && s < le && hexval(*s) >= 0) {
			const char *c = memchr(s, ':', (size_t)(le - s));
			for (const char *q = c ? c + 1 : le; le - q >= 3 && q[0] == ' ';) {
				int hi = hexval(q[1]), lo = hexval(q[2]);
				if (hi < 0 || lo < 0 || (le - q > 3 && q[3] != ' '))
					break;
				if (cur_len == cur_cap) {
					uint8_t *nb = realloc(cur, cur_cap * 2);
					if (!nb) {
						free(cur);
						return -ENOMEM;
					}
					cur = nb;
					cur_cap *= 2;
				}
				cur[cur_len++] = (uint8_t)(hi << 4 | lo);
				q += 3;
				if (q - c > 16 * 3)
					break; /* 16 bytes a line; the ASCII column follows */
			}
		}
		p = nl ? nl + 1 : end;
	}
	return count;
}

/* A raw table: four signature characters and a length field that fits the file. */
static bool looks_raw(const uint8_t *d, size_t len)
{
	if (len < 8)
		return false;
	for (int i = 0; i < 4; i++)
		if (!isalnum(d[i]) && d[i] != '_')
			return false;
	uint32_t l =
		(uint32_t)d[4] | (uint32_t)d[5] << 8 | (uint32_t)d[6] << 16 | (uint32_t)d[7] << 24;
	return l >= 8 && l <= len;
}

int input_load_file(struct input *in, const char *path)
{
	size_t len;
	int err;
	uint8_t *data = slurp(path, &len, &err);
	if (!data) {
		fprintf(stderr, "doorbell-acpi: %s: %s\n", path, strerror(err ? err : EIO));
		return -EIO;
	}
	in->files++;
	if (looks_raw(data, len))
		return input_add(in, path, data, len, 0);
	int n = parse_dump(in, path, (const char *)data, len);
	free(data);
	if (n > 0)
		in->dump_loaded = true;
	if (n == 0)
		fprintf(stderr,
			"doorbell-acpi: %s: neither a raw ACPI table nor an acpidump dump\n", path);
	return n > 0 ? 0 : n < 0 ? n : -EINVAL;
}
