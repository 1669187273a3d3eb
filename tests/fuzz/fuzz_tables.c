/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the RSDP -> XSDT/RSDT -> tables walk over a fake
 * physical memory made of the input (RSDP at physical address 0), then
 * every parser on what the walk found. A raw table input is also added
 * directly, so corpus files are useful seeds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_platform.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/findings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct acpi_tables t;
static struct acpi_platform p;
static struct findings f;

struct mem {
	const uint8_t *data;
	size_t size;
};

static const void *fuzz_map(void *ctx, uint64_t phys, uint64_t len)
{
	const struct mem *m = ctx;
	if (phys >= m->size || len > m->size - phys)
		return NULL;
	return m->data + phys;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	uint8_t *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	struct mem m = {buf, size};
	findings_init(&f);
	/* Phys 0 is refused by the walk, so the RSDP is looked for at 16. */
	if (acpi_tables_load(&t, 16, fuzz_map, &m, &f) != 0) {
		acpi_tables_init(&t);
		acpi_tables_add(&t, buf, (uint32_t)size, &f);
	}
	acpi_platform_init(&p);
	acpi_platform_parse(&p, &t, &f);
	free(buf);
	return 0;
}
