/* SPDX-License-Identifier: MIT */
/*
 * Cross-table checks: what one table claims against another (MADT I/O
 * APICs and CPUs against the DMAR's device scopes and flags, the HPET table
 * against the DMAR's HPET scopes). Each finding has a check id and says
 * what Linux does on the same tables. Shared by the guest's table report,
 * doorbell-acpi and the corpus golden test.
 */
#ifndef DOORBELL_ACPI_CROSS_H
#define DOORBELL_ACPI_CROSS_H

#include "drivers/acpi/acpi_platform.h"
#include "kernel/findings.h"

/* The highest APIC ID an xAPIC can address: 255 is the broadcast ID. */
#define ACPI_CROSS_XAPIC_MAX_ID 254u

/*
 * Runs every check whose tables p holds (has_dmar, has_madt, has_hpet);
 * a check that needs a table to be absent runs only when
 * p->tables_complete.
 */
void acpi_cross_check(const struct acpi_platform *p, struct findings *f);

/* CPUs (enabled or online capable, local APIC and x2APIC entries) above ACPI_CROSS_XAPIC_MAX_ID. */
unsigned acpi_cross_x2apic_cpus(const struct acpi_madt *m, uint32_t *max_id);

#endif
