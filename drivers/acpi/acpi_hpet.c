/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_hpet.h"

#include <string.h>

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define HPET_TABLE_LEN 56u /* header, block id, GAS, number, min tick, protection */

int acpi_hpet_parse(const uint8_t *data, uint32_t len, struct acpi_hpet *h, struct findings *f)
{
	memset(h, 0, sizeof(*h));
	struct acpi_cursor c;
	struct acpi_header hd;
	int err = acpi_table_open(data, len, "HPET", HPET_TABLE_LEN, &c, &hd, f);
	if (err)
		return err;
	h->revision = hd.revision;
	h->block_id = acpi_u32(&c, 36);
	struct acpi_gas g;
	acpi_get_gas(&c, 40, &g);
	h->space_id = g.space_id;
	h->base = g.address;
	h->number = acpi_u8(&c, 52);
	h->min_tick = acpi_u16(&c, 53);
	h->protection = acpi_u8(&c, 55);
	if (h->space_id != 0)
		finding_add(f, FINDING_ERROR, "HPET", 40,
			    "base address in address space %u: the registers are memory-mapped "
			    "(space 0, HPET spec 1.0a §3.2.4)",
			    h->space_id);
	if (!h->base || (h->base & 0x3ff))
		finding_add(f, FINDING_ERROR, "HPET", 44,
			    "base address 0x%llx must be a non-zero 1 KiB aligned address",
			    (unsigned long long)h->base);
	/* Block ID bits 31:16: the vendor ID (GCAP_ID, HPET spec 1.0a §2.3.4). */
	if (!(h->block_id >> 16))
		finding_add(f, FINDING_WARNING, "HPET", 36,
			    "event timer block ID 0x%08x has no vendor ID in bits 31:16",
			    h->block_id);
	return 0;
}
