/* SPDX-License-Identifier: MIT */
/* --diff of the MCFG (PCI Firmware spec 3.3 §4.1.2): ECAM regions by segment and first bus. */
#include <inttypes.h>
#include <stdio.h>

#include "tools/doorbell-acpi/acpi_diff.h"

void diff_mcfg_items(const struct acpi_platform *p, const struct acpi_platform *other, bool is_new,
		     struct diff_items *l)
{
	const struct acpi_mcfg *m = &p->mcfg;
	char key[DIFF_KEY_LEN];
	for (unsigned i = 0; i < m->entry_count; i++) {
		const struct acpi_mcfg_entry *e = &m->entry[i];
		snprintf(key, sizeof(key), "segment %04x from bus %02x", e->segment, e->bus_start);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "buses %02x-%02x ECAM 0x%" PRIx64, e->bus_start, e->bus_end,
			  e->base);
	}
}
