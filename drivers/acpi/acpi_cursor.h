/* SPDX-License-Identifier: MIT */
/*
 * Bounds-checked little-endian reads from a byte-packed ACPI table.
 * Every read goes through memcpy (the arm64 guest maps memory strictly
 * aligned) and returns false when any byte would lie past the end.
 */
#ifndef DOORBELL_ACPI_CURSOR_H
#define DOORBELL_ACPI_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct acpi_cursor {
	const uint8_t *data;
	uint32_t len; /* readable bytes at data */
};

/* Generic Address Structure (ACPI 6.5 §5.2.3.2), 12 bytes. */
struct acpi_gas {
	uint8_t space_id; /* 0 memory, 1 I/O, 2 PCI config, ... */
	uint8_t bit_width;
	uint8_t bit_offset;
	uint8_t access_size;
	uint64_t address;
};

#define ACPI_GAS_SIZE 12u

static inline struct acpi_cursor acpi_cursor_make(const uint8_t *data, uint32_t len)
{
	struct acpi_cursor c = {data, data ? len : 0};
	return c;
}

/* True when [off, off + n) lies inside the cursor; no overflow. */
static inline bool acpi_cursor_has(const struct acpi_cursor *c, uint32_t off, uint32_t n)
{
	return off <= c->len && n <= c->len - off;
}

/* The sub-range [off, off + n), clipped to what exists (len 0 if off is past the end). */
static inline struct acpi_cursor acpi_cursor_sub(const struct acpi_cursor *c, uint32_t off,
						 uint32_t n)
{
	struct acpi_cursor s = {c->data, 0};
	if (off > c->len)
		return s;
	s.data = c->data + off;
	s.len = c->len - off < n ? c->len - off : n;
	return s;
}

static inline uint16_t acpi_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (uint16_t)p[1] << 8);
}

static inline uint32_t acpi_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t acpi_le64(const uint8_t *p)
{
	return (uint64_t)acpi_le32(p) | (uint64_t)acpi_le32(p + 4) << 32;
}

static inline bool acpi_cursor_bytes(const struct acpi_cursor *c, uint32_t off, void *dst,
				     uint32_t n)
{
	if (!acpi_cursor_has(c, off, n))
		return false;
	memcpy(dst, c->data + off, n);
	return true;
}

static inline bool acpi_get8(const struct acpi_cursor *c, uint32_t off, uint8_t *v)
{
	if (!acpi_cursor_has(c, off, 1))
		return false;
	*v = c->data[off];
	return true;
}

static inline bool acpi_get16(const struct acpi_cursor *c, uint32_t off, uint16_t *v)
{
	uint8_t b[2];
	if (!acpi_cursor_bytes(c, off, b, 2))
		return false;
	*v = acpi_le16(b);
	return true;
}

static inline bool acpi_get32(const struct acpi_cursor *c, uint32_t off, uint32_t *v)
{
	uint8_t b[4];
	if (!acpi_cursor_bytes(c, off, b, 4))
		return false;
	*v = acpi_le32(b);
	return true;
}

static inline bool acpi_get64(const struct acpi_cursor *c, uint32_t off, uint64_t *v)
{
	uint8_t b[8];
	if (!acpi_cursor_bytes(c, off, b, 8))
		return false;
	*v = acpi_le64(b);
	return true;
}

/* Readers that yield 0 past the end, for fields already known to fit. */
static inline uint8_t acpi_u8(const struct acpi_cursor *c, uint32_t off)
{
	uint8_t v = 0;
	acpi_get8(c, off, &v);
	return v;
}

static inline uint16_t acpi_u16(const struct acpi_cursor *c, uint32_t off)
{
	uint16_t v = 0;
	acpi_get16(c, off, &v);
	return v;
}

static inline uint32_t acpi_u32(const struct acpi_cursor *c, uint32_t off)
{
	uint32_t v = 0;
	acpi_get32(c, off, &v);
	return v;
}

static inline uint64_t acpi_u64(const struct acpi_cursor *c, uint32_t off)
{
	uint64_t v = 0;
	acpi_get64(c, off, &v);
	return v;
}

static inline bool acpi_get_gas(const struct acpi_cursor *c, uint32_t off, struct acpi_gas *g)
{
	uint8_t b[ACPI_GAS_SIZE];
	if (!acpi_cursor_bytes(c, off, b, sizeof(b)))
		return false;
	g->space_id = b[0];
	g->bit_width = b[1];
	g->bit_offset = b[2];
	g->access_size = b[3];
	g->address = acpi_le64(b + 4);
	return true;
}

/* True when every byte of [off, off + n) that exists is zero. */
static inline bool acpi_cursor_zero(const struct acpi_cursor *c, uint32_t off, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t v;
		if (acpi_get8(c, off + i, &v) && v)
			return false;
	}
	return true;
}

#endif
