/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_hpet.h"

#include <string.h>

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_tables.h"

static const struct finding_check hpet_check_base_zero = {
	"hpet.base-zero", "\"HPET id: ... base: 0x0 is invalid\"; the HPET is not used", 0};
static const struct finding_check hpet_check_not_memory = {
	"hpet.base-not-memory", "\"HPET timers must be located in memory.\"; the HPET is not used",
	0};
static const struct finding_check hpet_check_base_unaligned = {
	"hpet.base-unaligned", "the HPET registers are mapped from a wrong address", 0};
static const struct finding_check hpet_check_no_vendor = {
	"hpet.no-vendor-id", "none: Linux does not read the table's block ID", 0};

int acpi_hpet_parse(const uint8_t *data, uint32_t len, struct acpi_hpet *h, struct findings *f)
{
	memset(h, 0, sizeof(*h));
	struct acpi_cursor c;
	struct acpi_header hdr;
	int err = acpi_table_open(data, len, "HPET", ACPI_HPET_LENGTH, &c, &hdr, f);
	if (err)
		return err;
	/* IA-PC HPET 1.0a §3.2.4: the fields after the 36-byte header. */
	h->revision = hdr.revision;
	h->block_id = acpi_u32(&c, 36);
	h->space_id = acpi_u8(&c, 40);
	h->base = acpi_u64(&c, 44);
	h->number = acpi_u8(&c, 52);
	h->min_tick = acpi_u16(&c, 53);
	h->page_protect = acpi_u8(&c, 55);
	h->comparators = ((h->block_id >> 8) & 0x1f) + 1;
	h->vendor_id = (uint16_t)(h->block_id >> 16);
	if (h->space_id != 0)
		finding_add_check(f, &hpet_check_not_memory, FINDING_ERROR, "HPET", 40,
				  "base address space %u: the event timer block is memory-mapped "
				  "(IA-PC HPET §3.2.4: system memory, 0)",
				  h->space_id);
	if (!h->base)
		finding_add_check(f, &hpet_check_base_zero, FINDING_ERROR, "HPET", 44,
				  "base address is 0 (IA-PC HPET §3.2.4)");
	else if (h->base & 0x3ff)
		finding_add_check(f, &hpet_check_base_unaligned, FINDING_ERROR, "HPET", 44,
				  "base address 0x%llx is not 1 KiB aligned (the register block is "
				  "1 KiB, IA-PC HPET §2.3.1)",
				  (unsigned long long)h->base);
	/* Block ID bits 31:16 copy GCAP_ID's vendor ID (IA-PC HPET 1.0a §2.3.4). */
	if (!h->vendor_id)
		finding_add_check(f, &hpet_check_no_vendor, FINDING_WARNING, "HPET", 36,
				  "event timer block ID 0x%08x has no vendor ID in bits 31:16",
				  h->block_id);
	return 0;
}
