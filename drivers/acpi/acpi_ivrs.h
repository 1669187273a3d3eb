/* SPDX-License-Identifier: MIT */
/* IVRS: AMD I/O Virtualization Reporting Structure (AMD IOMMU spec §5.2), minimal decode. */
#ifndef DOORBELL_ACPI_IVRS_H
#define DOORBELL_ACPI_IVRS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/findings.h"

#define ACPI_IVRS_MAX_IVHD 16

struct acpi_ivrs_ivhd {
	uint8_t type; /* 0x10, 0x11, 0x40 */
	uint8_t flags;
	uint16_t device_id;
	uint16_t segment;
	uint64_t base;
};

struct acpi_ivrs {
	uint8_t revision;
	uint32_t length;
	uint32_t ivinfo;
	struct acpi_ivrs_ivhd ivhd[ACPI_IVRS_MAX_IVHD];
	unsigned ivhd_count;
	unsigned ivmd_count;
	unsigned unknown_count;
	bool overflow;
	bool truncated;
};

/* Returns 0, -EINVAL (not an IVRS) or -EBADMSG (shorter than 48 bytes). */
int acpi_ivrs_parse(const uint8_t *data, uint32_t len, struct acpi_ivrs *v, struct findings *f);

#endif
