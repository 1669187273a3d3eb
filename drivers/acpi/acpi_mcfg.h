/* SPDX-License-Identifier: MIT */
/* MCFG: PCI Express ECAM regions (PCI Firmware spec 3.3 §4.1.2). */
#ifndef DOORBELL_ACPI_MCFG_H
#define DOORBELL_ACPI_MCFG_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/findings.h"

#define ACPI_MCFG_MAX 64

struct acpi_mcfg_entry {
	uint64_t base; /* ECAM base: the address of bus 0 of this segment */
	uint16_t segment;
	uint8_t bus_start, bus_end;
};

struct acpi_mcfg {
	uint8_t revision;
	uint32_t length;
	struct acpi_mcfg_entry entry[ACPI_MCFG_MAX];
	unsigned entry_count;
	bool overflow;
};

/* Returns 0, -EINVAL (not an MCFG / header unusable) or -EBADMSG (shorter than 44 bytes). */
int acpi_mcfg_parse(const uint8_t *data, uint32_t len, struct acpi_mcfg *m, struct findings *f);

#endif
