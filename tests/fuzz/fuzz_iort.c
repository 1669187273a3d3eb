/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the IORT parser on one raw table (a corpus file is a valid input). */
#include "drivers/acpi/acpi_iort.h"
#include "tests/fuzz/fuzz_table.h"

static struct acpi_iort out;

static void parse(const uint8_t *buf, uint32_t len, struct findings *f)
{
	acpi_iort_parse(buf, len, &out, f);
	/* Translate a few requester IDs through whatever was parsed. */
	static const uint32_t rids[] = {0, 1, 0xff, 0x100, 0x8000, 0xffff, 0xffffffffu};
	for (unsigned i = 0; i < sizeof(rids) / sizeof(rids[0]); i++) {
		struct acpi_iort_path path;
		acpi_iort_map_rid(&out, 0, rids[i], &path);
		unsigned node;
		uint32_t id;
		acpi_iort_map_id(&out, i, rids[i], &node, &id);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_table(data, size, parse);
}
