/* SPDX-License-Identifier: MIT */
/*
 * HPET: the High Precision Event Timer description table (IA-PC HPET
 * specification 1.0a, §3.2.4): one event timer block, its base address and
 * its HPET number, the enumeration ID a DMAR HPET device scope names.
 */
#ifndef DOORBELL_ACPI_HPET_H
#define DOORBELL_ACPI_HPET_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/findings.h"

#define ACPI_HPET_LENGTH 56u

struct acpi_hpet {
	uint8_t revision;
	uint32_t block_id;    /* Event Timer Block ID (the capabilities register's low half) */
	uint8_t space_id;     /* of the base address: 0 system memory */
	uint64_t base;        /* the block's registers */
	uint8_t number;       /* HPET number: the DMAR HPET scope's enumeration ID */
	uint16_t min_tick;    /* main counter minimum clock tick in periodic mode */
	uint8_t page_protect; /* page protection and OEM attribute */
	unsigned comparators; /* block_id bits 12:8, plus one */
	uint16_t vendor_id;   /* block_id bits 31:16 */
};

/*
 * Returns 0 (possibly with findings), -EINVAL (not an HPET / header
 * unusable) or -EBADMSG (shorter than its 56 bytes).
 */
int acpi_hpet_parse(const uint8_t *data, uint32_t len, struct acpi_hpet *h, struct findings *f);

#endif
