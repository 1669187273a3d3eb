/* SPDX-License-Identifier: MIT */
/*
 * What every raw-table fuzz target does: bound the input, copy it into a
 * buffer of exactly its size (so ASan catches any read past the end), run
 * the target's parser on it, then load it through the table list.
 */
#ifndef DOORBELL_FUZZ_TABLE_H
#define DOORBELL_FUZZ_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_tables.h"
#include "kernel/findings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_TABLE_MAX (1u << 20)

typedef void (*fuzz_parse_fn)(const uint8_t *buf, uint32_t len, struct findings *f);

static inline int fuzz_table(const uint8_t *data, size_t size, fuzz_parse_fn parse)
{
	static struct findings f;
	static struct acpi_tables t;

	if (size > FUZZ_TABLE_MAX)
		return 0;
	uint8_t *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	findings_init(&f);
	parse(buf, (uint32_t)size, &f);
	acpi_tables_init(&t);
	acpi_tables_add(&t, buf, (uint32_t)size, &f);
	free(buf);
	return 0;
}

#endif
