/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_mcfg.h"

#include <string.h>

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define MCFG_FIXED 44u /* header + 8 reserved bytes */
#define MCFG_ENTRY 16u

static const struct finding_check mcfg_check_reserved = {"mcfg.reserved-nonzero",
							 "reserved fields are ignored", 0};
static const struct finding_check mcfg_check_partial = {
	"mcfg.length-partial", "entries are counted in whole 16-byte steps: the tail is ignored",
	0};
static const struct finding_check mcfg_check_bus_reversed = {"mcfg.bus-range-reversed", 0, 0};
static const struct finding_check mcfg_check_base_invalid = {"mcfg.base-invalid", 0, 0};
static const struct finding_check mcfg_check_overlap = {"mcfg.bus-overlap", 0, 0};
static const struct finding_check mcfg_check_overflow = {"mcfg.parser-overflow", 0, 0};

int acpi_mcfg_parse(const uint8_t *data, uint32_t len, struct acpi_mcfg *m, struct findings *f)
{
	memset(m, 0, sizeof(*m));
	struct acpi_cursor c;
	struct acpi_header h;
	int err = acpi_table_open(data, len, "MCFG", MCFG_FIXED, &c, &h, f);
	if (err)
		return err;
	m->revision = h.revision;
	m->length = c.len;
	if (!acpi_cursor_zero(&c, 36, 8))
		finding_add_check(f, &mcfg_check_reserved, FINDING_WARNING, "MCFG", 36,
				  "reserved bytes 36-43 must be 0 (PCI Firmware spec §4.1.2)");
	if ((c.len - MCFG_FIXED) % MCFG_ENTRY)
		finding_add_check(
			f, &mcfg_check_partial, FINDING_ERROR, "MCFG", 4,
			"length %u leaves a partial entry: entries are 16 bytes after the "
			"44-byte header",
			c.len);
	unsigned n = (c.len - MCFG_FIXED) / MCFG_ENTRY;
	for (unsigned i = 0; i < n; i++) {
		uint32_t off = MCFG_FIXED + i * MCFG_ENTRY;
		struct acpi_mcfg_entry e;
		e.base = acpi_u64(&c, off);
		e.segment = acpi_u16(&c, off + 8);
		e.bus_start = acpi_u8(&c, off + 10);
		e.bus_end = acpi_u8(&c, off + 11);
		if (!acpi_cursor_zero(&c, off + 12, 4))
			finding_add_check(f, &mcfg_check_reserved, FINDING_WARNING, "MCFG",
					  off + 12, "entry %u reserved bytes must be 0", i);
		if (e.bus_start > e.bus_end)
			finding_add_check(f, &mcfg_check_bus_reversed, FINDING_ERROR, "MCFG",
					  off + 10, "entry %u: start bus %u is above end bus %u", i,
					  e.bus_start, e.bus_end);
		/* Each bus takes 1 MiB of ECAM space: bus 0's address is 1 MiB aligned. */
		if (!e.base || (e.base & 0xfffff))
			finding_add_check(
				f, &mcfg_check_base_invalid, FINDING_ERROR, "MCFG", off,
				"entry %u: ECAM base 0x%llx must be a non-zero 1 MiB aligned "
				"address",
				i, (unsigned long long)e.base);
		for (unsigned j = 0; j < m->entry_count; j++) {
			const struct acpi_mcfg_entry *o = &m->entry[j];
			if (o->segment == e.segment && e.bus_start <= o->bus_end &&
			    o->bus_start <= e.bus_end)
				finding_add_check(
					f, &mcfg_check_overlap, FINDING_WARNING, "MCFG", off,
					"entry %u: segment %u buses %u-%u overlap entry %u", i,
					e.segment, e.bus_start, e.bus_end, j);
		}
		if (m->entry_count >= ACPI_MCFG_MAX) {
			m->overflow = true;
			continue;
		}
		m->entry[m->entry_count++] = e;
	}
	if (m->overflow)
		finding_add_check(f, &mcfg_check_overflow, FINDING_WARNING, "MCFG",
				  FINDING_NO_OFFSET,
				  "more than %u entries; only the first are stored", ACPI_MCFG_MAX);
	return 0;
}
