/* SPDX-License-Identifier: MIT */
/*
 * IORT checks across nodes and against the MADT: output IDs two nodes
 * share (aliasing), ITS identifiers against the MADT's GIC ITS structures,
 * RMR ranges and their streams (acpi_iort_cross.c); per-node properties
 * the parser stores but does not judge: memory access properties, memory
 * address size limits, node revisions, the SMMUv3 DeviceID mapping index
 * (acpi_iort_props.c). Each finding has a check id and says what Linux
 * does with the same table.
 */
#ifndef DOORBELL_ACPI_IORT_CROSS_H
#define DOORBELL_ACPI_IORT_CROSS_H

#include "drivers/acpi/acpi_platform.h"
#include "kernel/findings.h"

/* Runs when p->has_iort; the ITS checks against the MADT also need p->has_madt. */
void acpi_iort_cross_check(const struct acpi_platform *p, struct findings *f);

/* The per-node property checks (called by acpi_iort_cross_check). */
void acpi_iort_props_check(const struct acpi_iort *io, struct findings *f);

#endif
