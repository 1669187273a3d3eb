/* SPDX-License-Identifier: MIT */
/*
 * ACPI table walk: RSDP -> XSDT (or RSDT) -> tables, plus the FADT's DSDT
 * and FACS. Physical memory is reached through a callback so that the same
 * walk runs in the guest and on the host. Tables are not copied: entries
 * point into the mapped memory (or into the caller's buffers for
 * acpi_tables_add/override), which must stay valid.
 */
#ifndef DOORBELL_ACPI_TABLES_H
#define DOORBELL_ACPI_TABLES_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/acpi/acpi_cursor.h"
#include "kernel/findings.h"

/* Returns a pointer to len readable bytes at phys, or NULL. */
typedef const void *(*acpi_map_fn)(void *ctx, uint64_t phys, uint64_t len);

struct acpi_table {
	char sig[5];
	uint64_t phys; /* 0 for tables added from a buffer */
	const uint8_t *data;
	uint32_t length; /* the header's length field, checked against what was mapped */
	bool checksum_ok;
	bool overridden; /* replaced or added from an override */
};

#define ACPI_MAX_TABLES 64

struct acpi_tables {
	uint64_t rsdp_phys;
	uint8_t rsdp_revision;
	bool rsdp_checksum_ok;
	bool rsdp_ext_checksum_ok;
	char oem_id[7];
	bool used_xsdt;
	uint64_t root_phys;
	bool root_checksum_ok;
	unsigned count;
	struct acpi_table table[ACPI_MAX_TABLES];
};

#define ACPI_HEADER_SIZE   36u
#define ACPI_RSDP_V1_SIZE  20u
#define ACPI_RSDP_V2_SIZE  36u
#define ACPI_FACS_MIN_SIZE 64u /* ACPI 6.5 §5.2.10 */
/* Upper bound on any single table the walk will map (sanity, not spec). */
#define ACPI_TABLE_MAX_LEN (16u << 20)

/* The standard description header (ACPI 6.5 §5.2.6). */
struct acpi_header {
	char sig[5];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[7];
	char oem_table_id[9];
	uint32_t oem_revision;
	char creator_id[5];
	uint32_t creator_revision;
};

void acpi_tables_init(struct acpi_tables *t);

/*
 * RSDP rev 0 and 2, XSDT with RSDT fallback, checksums; the FADT's
 * DSDT/X_DSDT and FACS/X_FIRMWARE_CTRL are listed too. Returns 0 or
 * -EINVAL (no usable RSDP), -EFAULT (root table not mappable).
 * Problems with individual tables are findings, not errors.
 */
int acpi_tables_load(struct acpi_tables *t, uint64_t rsdp_phys, acpi_map_fn map, void *ctx,
		     struct findings *f);

/*
 * Adds a raw table held in the caller's buffer (len readable bytes).
 * Returns 0, -EINVAL (shorter than a header, bad signature, length field
 * below 36 or past len) or -ENOSPC (list full).
 */
int acpi_tables_add(struct acpi_tables *t, const uint8_t *data, uint32_t len, struct findings *f);

/* Replaces the first table of that signature (or adds it) and marks it overridden. */
int acpi_tables_override(struct acpi_tables *t, const uint8_t *data, uint32_t len,
			 struct findings *f);

/* The instance-th (0-based) table with signature sig, or NULL. */
const struct acpi_table *acpi_table_find(const struct acpi_tables *t, const char *sig,
					 unsigned instance);
unsigned acpi_table_count(const struct acpi_tables *t, const char *sig);

/* Sum of len bytes mod 256 (0 for a valid ACPI checksum). */
uint8_t acpi_checksum(const uint8_t *data, uint32_t len);

/* Decodes the 36-byte header; false if fewer than 36 bytes. */
bool acpi_header_read(const uint8_t *data, uint32_t len, struct acpi_header *h);

/*
 * Common start of every parser: checks the signature and the header, and
 * sets *c to the table's bytes, min(length field, len). A length field past
 * len is an error finding and the table is parsed up to len. Returns 0,
 * -EINVAL (fewer than 36 bytes, wrong signature, length field < 36) or
 * -EBADMSG (shorter than min_len, the fixed part of that table).
 */
int acpi_table_open(const uint8_t *data, uint32_t len, const char *sig, uint32_t min_len,
		    struct acpi_cursor *c, struct acpi_header *h, struct findings *f);

#endif
