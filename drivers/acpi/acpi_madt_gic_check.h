/* SPDX-License-Identifier: MIT */
/*
 * MADT GIC consistency (ACPI 6.5 §5.2.12.14-§5.2.12.18): GIC ITS IDs,
 * GICR ranges against each other and against the GICCs' GICR base
 * addresses, MPIDRs and ACPI processor UIDs of the GICCs. Each finding has
 * a check id and says what Linux does with the same table.
 */
#ifndef DOORBELL_ACPI_MADT_GIC_CHECK_H
#define DOORBELL_ACPI_MADT_GIC_CHECK_H

#include "drivers/acpi/acpi_madt.h"
#include "kernel/findings.h"

void acpi_madt_gic_check(const struct acpi_madt *m, struct findings *f);

#endif
