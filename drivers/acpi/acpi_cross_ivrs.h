/* SPDX-License-Identifier: MIT */
/*
 * Cross-table checks of the IVRS (AMD IOMMU spec §5.2.2.3, special device
 * entries): the MADT's I/O APICs and the HPET against the IVRS's IOAPIC
 * and HPET entries, and CPUs above APIC ID 254 against XTSup. Each finding
 * has a check id and says what Linux does (drivers/iommu/amd/init.c).
 */
#ifndef DOORBELL_ACPI_CROSS_IVRS_H
#define DOORBELL_ACPI_CROSS_IVRS_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/acpi/acpi_platform.h"
#include "kernel/findings.h"

/* How the IVRS covers the MADT's I/O APICs (Linux: check_ioapic_information). */
struct acpi_ivrs_ioapic_cover {
	unsigned ioapics; /* in the MADT */
	unsigned missing; /* not named by an IOAPIC special entry */
	uint8_t first_missing;
	bool southbridge; /* one of them maps to 0000:00:14.0 */
};

/* Needs p->has_ivrs and p->has_madt. */
void acpi_cross_ivrs_cover(const struct acpi_platform *p, struct acpi_ivrs_ioapic_cover *c);

/* Runs the IVRS checks whose tables p holds (called by acpi_cross_check). */
void acpi_cross_ivrs_check(const struct acpi_platform *p, struct findings *f);

#endif
