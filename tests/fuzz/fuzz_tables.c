/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the RSDP -> XSDT/RSDT -> tables walk over a fake
 * physical memory made of the input (RSDP at physical address 0), then
 * every parser on what the walk found. A raw table input is also added
 * directly, so corpus files are useful seeds. doorbell-acpi's --diff
 * (against no tables) and --coverage then run on what the parsers found.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_platform.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/findings.h"
#include "tools/doorbell-acpi/acpi_diff.h"
#include "tools/doorbell-acpi/coverage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct acpi_tables t;
static struct acpi_platform p;
static struct findings f, none_f;
static struct acpi_platform none;
static struct tool_lines lines;

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
	acpi_platform_init(&none);
	findings_init(&none_f);
	tool_lines_init(&lines);
	acpi_diff(&none, &none_f, &p, &f, &lines);
	acpi_diff(&p, &f, &p, &f, &lines);
	/* Two buses of one segment: every id is walked, so keep the walk short. */
	if (!p.has_mcfg || !p.mcfg.entry_count) {
		p.has_mcfg = true;
		p.mcfg.entry[0] = (struct acpi_mcfg_entry){0, 0, 0, 1};
	}
	p.mcfg.entry_count = 1;
	if (p.mcfg.entry[0].bus_end > p.mcfg.entry[0].bus_start + 1)
		p.mcfg.entry[0].bus_end = (uint8_t)(p.mcfg.entry[0].bus_start + 1);
	tool_lines_init(&lines);
	acpi_coverage(&p, &lines);
	free(buf);
	return 0;
}
