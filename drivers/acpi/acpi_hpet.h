/* SPDX-License-Identifier: MIT */
/* HPET: the IA-PC HPET description table (IA-PC HPET spec 1.0a §3.2.4). */
#ifndef DOORBELL_ACPI_HPET_H
#define DOORBELL_ACPI_HPET_H

#include <stdint.h>

#include "kernel/findings.h"

struct acpi_hpet {
	uint8_t revision;
	uint32_t block_id;  /* the event timer block ID: a copy of GCAP_ID's low 32 bits */
	uint8_t space_id;   /* of the base address: 0 system memory */
	uint64_t base;      /* the register block */
	uint8_t number;     /* HPET sequence number: the DMAR HPET scope's enumeration id */
	uint16_t min_tick;  /* main counter minimum clock tick in periodic mode */
	uint8_t protection; /* page protection and OEM attributes */
};

/* 0 (findings for what is wrong), -EINVAL (not an HPET table), -EBADMSG (shorter than 56 bytes). */
int acpi_hpet_parse(const uint8_t *data, uint32_t len, struct acpi_hpet *h, struct findings *f);

#endif
