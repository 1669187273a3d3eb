/* SPDX-License-Identifier: MIT */
/* IVHD device entries (AMD IOMMU spec §5.2.2.3, Table "IVHD Device Entry Type Codes"). */
#include "drivers/acpi/acpi_ivrs_checks.h"

#define ENTRY_HID_FIXED 22u /* F0h: up to and including the UID length byte */

/* Entry length: type code bits 7:6 give 4 or 8 bytes below 80h; F0h carries its own. */
static bool ivrs_entry_length(const struct acpi_cursor *c, uint32_t off, uint32_t end, uint32_t *n)
{
	uint8_t type = acpi_u8(c, off);
	if (type < 0x80) {
		*n = 4u << (type >> 6);
		return true;
	}
	if (type != 0xf0)
		return false;
	*n = end - off < ENTRY_HID_FIXED ? ENTRY_HID_FIXED : ENTRY_HID_FIXED + acpi_u8(c, off + 21);
	return true;
}

static void ivrs_special(const struct acpi_cursor *c, uint32_t off, unsigned index,
			 struct acpi_ivrs *v, struct findings *f)
{
	uint8_t variety = acpi_u8(c, off + 7);
	uint8_t handle = acpi_u8(c, off + 4);
	uint16_t bdf = acpi_u16(c, off + 5);
	if (variety != ACPI_IVRS_SPECIAL_IOAPIC && variety != ACPI_IVRS_SPECIAL_HPET) {
		finding_add_check(f, IVRS_CHECK(SPECIAL_VARIETY_UNKNOWN), FINDING_ERROR, "IVRS",
				  off + 7,
				  "special device entry (handle %u, %02x:%02x.%u) has variety %u: "
				  "1 (IOAPIC) and 2 (HPET) are defined (§5.2.2.3)",
				  handle, bdf >> 8, (bdf >> 3) & 31, bdf & 7, variety);
		return;
	}
	if (v->special_count >= ACPI_IVRS_MAX_SPECIAL) {
		v->overflow = true;
		return;
	}
	struct acpi_ivrs_special *s = &v->special[v->special_count++];
	s->offset = off;
	s->variety = variety;
	s->handle = handle;
	s->bdf = bdf;
	s->segment = v->ivhd[index].segment;
	s->ivhd = (uint8_t)index;
}

void acpi_ivrs_entries(const struct acpi_cursor *c, uint32_t start, uint32_t end, unsigned index,
		       struct acpi_ivrs *v, struct findings *f)
{
	struct acpi_ivrs_ivhd *d = &v->ivhd[index];
	bool in_range = false;
	uint32_t range_off = 0;
	uint16_t range_dev = 0;
	for (uint32_t off = start, n; off < end; off += n) {
		uint8_t type = acpi_u8(c, off);
		if (!ivrs_entry_length(c, off, end, &n)) {
			finding_add_check(f, IVRS_CHECK(ENTRY_LENGTH_UNKNOWN), FINDING_ERROR,
					  "IVRS", off,
					  "device entry type 0x%02x is not defined and its length "
					  "is unknown: the rest of the IVHD at 0x%x is not read",
					  type, d->offset);
			break;
		}
		if (n > end - off) {
			finding_add_check(f, IVRS_CHECK(ENTRY_OVERRUN), FINDING_ERROR, "IVRS", off,
					  "device entry type 0x%02x needs %u bytes, the IVHD at "
					  "0x%x has %u left",
					  type, n, d->offset, end - off);
			break;
		}
		d->entry_count++;
		switch (type) {
		case 0x00: /* 4-byte padding */
		case 0x01: /* all */
		case 0x02: /* select */
		case 0x40: /* 8-byte padding */
		case 0x42: /* alias select */
		case 0x46: /* extended select */ break;
		case 0x03: /* start of range */
		case 0x43: /* alias start of range */
		case 0x47: /* extended start of range */
			if (in_range)
				finding_add_check(f, IVRS_CHECK(RANGE_UNTERMINATED),
						  FINDING_WARNING, "IVRS", range_off,
						  "start of range (device 0x%04x) has no end of "
						  "range entry before the next start",
						  range_dev);
			in_range = true;
			range_off = off;
			range_dev = acpi_u16(c, off + 1);
			break;
		case 0x04: /* end of range */
			if (!in_range)
				finding_add_check(f, IVRS_CHECK(RANGE_END_WITHOUT_START),
						  FINDING_WARNING, "IVRS", off,
						  "end of range (device 0x%04x) without a start of "
						  "range entry",
						  acpi_u16(c, off + 1));
			else if (acpi_u16(c, off + 1) < range_dev)
				finding_add_check(f, IVRS_CHECK(RANGE_REVERSED), FINDING_ERROR,
						  "IVRS", off,
						  "range ends at device 0x%04x, below its start "
						  "0x%04x",
						  acpi_u16(c, off + 1), range_dev);
			in_range = false;
			break;
		case 0x48: ivrs_special(c, off, index, v, f); break;
		case 0xf0: v->hid_count++; break;
		default:
			finding_add_check(f, IVRS_CHECK(ENTRY_TYPE_RESERVED), FINDING_INFO, "IVRS",
					  off, "device entry type 0x%02x is reserved (§5.2.2.3)",
					  type);
		}
	}
	if (in_range)
		finding_add_check(f, IVRS_CHECK(RANGE_UNTERMINATED), FINDING_WARNING, "IVRS",
				  range_off,
				  "start of range (device 0x%04x) has no end of range entry in "
				  "its IVHD",
				  range_dev);
}
