/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the FADT parser on one raw table (a corpus file is a valid input). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_tables.h"
#include "drivers/acpi/acpi_fadt.h"
#include "kernel/findings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct acpi_fadt out;
static struct findings f;
static struct acpi_tables t;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	/* An exact-size copy, so that any read past the end is caught. */
	uint8_t *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	findings_init(&f);
	acpi_fadt_parse(buf, (uint32_t)size, &out, &f);

	acpi_tables_init(&t);
	acpi_tables_add(&t, buf, (uint32_t)size, &f);
	free(buf);
	return 0;
}
