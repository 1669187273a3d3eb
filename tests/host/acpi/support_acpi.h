/* SPDX-License-Identifier: MIT */
/* Test helpers: build ACPI tables byte by byte, query findings. */
#ifndef DOORBELL_TESTS_SUPPORT_ACPI_H
#define DOORBELL_TESTS_SUPPORT_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/findings.h"

#define TB_MAX 8192

struct tb {
	uint8_t buf[TB_MAX];
	uint32_t len;
};

/* Starts a table: 36-byte header with signature, revision, OEM "DOORBL". */
void tb_init(struct tb *b, const char *sig, uint8_t rev);
void tb_u8(struct tb *b, uint8_t v);
void tb_u16(struct tb *b, uint16_t v);
void tb_u32(struct tb *b, uint32_t v);
void tb_u64(struct tb *b, uint64_t v);
void tb_zero(struct tb *b, uint32_t n);
void tb_str(struct tb *b, const char *s); /* with its NUL */
void tb_set8(struct tb *b, uint32_t off, uint8_t v);
void tb_set16(struct tb *b, uint32_t off, uint16_t v);
void tb_set32(struct tb *b, uint32_t off, uint32_t v);
/* Writes the length field (= b->len) and the checksum. */
void tb_finish(struct tb *b);
/* Re-computes the checksum only (after a deliberate change to the length field). */
void tb_checksum(struct tb *b);

/* Findings of severity sev (any source). */
unsigned nfind(const struct findings *f, enum finding_severity sev);
/* The first finding of severity sev at offset, or NULL. */
const struct finding *find_at(const struct findings *f, enum finding_severity sev, uint32_t off);
/* True when some finding's text contains needle. */
bool find_text(const struct findings *f, const char *needle);
/* Prints every finding (for debugging a failing test). */
void show_findings(const struct findings *f);

/*
 * Parse one corpus table by its directory's signature (APIC, DMAR, FACP,
 * IORT, IVRS, MCFG) into plat: the parser's result, -ENOENT for another.
 */
struct acpi_platform;
int corpus_parse_table(const char *sig, const uint8_t *data, uint32_t len,
		       struct acpi_platform *plat, struct findings *f);

/* Reads a whole file into a malloc'd buffer; NULL on error. */
uint8_t *read_file(const char *path, uint32_t *len);

#endif
