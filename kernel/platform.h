/* SPDX-License-Identifier: MIT */
/* What the kernel knows about the machine: its ACPI tables and their findings. */
#ifndef DOORBELL_PLATFORM_H
#define DOORBELL_PLATFORM_H

#include <stdbool.h>

#include "drivers/acpi/acpi_tables.h"
#include "kernel/findings.h"

struct boot_info;

struct platform {
	bool have_acpi;
	int acpi_status; /* acpi_tables_load's result */
	struct acpi_tables acpi;
	unsigned overrides_applied;
	struct findings findings;
};

/* Loads the firmware's tables and applies \doorbell\acpi\ overrides. */
void platform_acpi_load(const struct boot_info *bi);
struct platform *platform_get(void);

#endif
