/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the IORT parser on one raw table (a corpus file is a valid input). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_tables.h"
#include "drivers/acpi/acpi_iort.h"
#include "kernel/findings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct acpi_iort out;
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
	acpi_iort_parse(buf, (uint32_t)size, &out, &f);
	/* Translate a few requester IDs through whatever was parsed. */
	static const uint32_t rids[] = {0, 1, 0xff, 0x100, 0x8000, 0xffff, 0xffffffffu};
	for (unsigned i = 0; i < sizeof(rids) / sizeof(rids[0]); i++) {
		struct acpi_iort_path path;
		acpi_iort_map_rid(&out, 0, rids[i], &path);
		unsigned node;
		uint32_t id;
		acpi_iort_map_id(&out, i, rids[i], &node, &id);
	}
	acpi_tables_init(&t);
	acpi_tables_add(&t, buf, (uint32_t)size, &f);
	free(buf);
	return 0;
}
