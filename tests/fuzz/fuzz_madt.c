/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the MADT parser on one raw table (a corpus file is a valid input). */
#include "drivers/acpi/acpi_madt.h"
#include "tests/fuzz/fuzz_table.h"

static struct acpi_madt out;

static void parse(const uint8_t *buf, uint32_t len, struct findings *f)
{
	acpi_madt_parse(buf, len, &out, f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_table(data, size, parse);
}
