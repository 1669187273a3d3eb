/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_ivrs.h"

#include <string.h>

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define IVRS_FIXED 48u /* header + IVinfo + 8 reserved */

int acpi_ivrs_parse(const uint8_t *data, uint32_t len, struct acpi_ivrs *v, struct findings *f)
{
	memset(v, 0, sizeof(*v));
	struct acpi_cursor c;
	struct acpi_header h;
	int err = acpi_table_open(data, len, "IVRS", IVRS_FIXED, &c, &h, f);
	if (err)
		return err;
	v->revision = h.revision;
	v->length = c.len;
	v->ivinfo = acpi_u32(&c, 36);
	uint32_t off = IVRS_FIXED;
	while (off < c.len) {
		if (c.len - off < 4) {
			finding_add(f, FINDING_ERROR, "IVRS", off,
				    "%u stray bytes at the end: a block header is 4 bytes",
				    c.len - off);
			v->truncated = true;
			break;
		}
		uint8_t type = acpi_u8(&c, off);
		uint16_t blen = acpi_u16(&c, off + 2);
		if (blen < 4 || blen > c.len - off) {
			finding_add(
				f, FINDING_ERROR, "IVRS", off + 2,
				"block type 0x%02x length %u does not fit the %u bytes left; walk "
				"stopped",
				type, blen, c.len - off);
			v->truncated = true;
			break;
		}
		if (type == 0x10 || type == 0x11 || type == 0x40) {
			if (blen < 24) {
				finding_add(f, FINDING_ERROR, "IVRS", off + 2,
					    "IVHD length %u is below its 24-byte header", blen);
			} else if (v->ivhd_count >= ACPI_IVRS_MAX_IVHD) {
				v->overflow = true;
			} else {
				struct acpi_ivrs_ivhd *d = &v->ivhd[v->ivhd_count++];
				d->type = type;
				d->flags = acpi_u8(&c, off + 1);
				d->device_id = acpi_u16(&c, off + 4);
				d->base = acpi_u64(&c, off + 8);
				d->segment = acpi_u16(&c, off + 16);
			}
		} else if (type >= 0x20 && type <= 0x22) {
			v->ivmd_count++;
		} else {
			v->unknown_count++;
		}
		off += blen;
	}
	return 0;
}
