/* SPDX-License-Identifier: MIT */
/* What the kernel knows about the machine: its ACPI tables and their findings. */
#ifndef DOORBELL_PLATFORM_H
#define DOORBELL_PLATFORM_H

#include <stdbool.h>

#include "drivers/acpi/acpi_platform.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/findings.h"
#include "kernel/policy/policy.h"

struct boot_info;

struct platform {
	bool have_acpi;
	int acpi_status; /* acpi_tables_load's result */
	struct acpi_tables acpi;
	unsigned overrides_applied;
	struct findings findings;
	/* Filled by platform_detect. */
	struct acpi_platform parsed;
	struct platform_signals signals;
	struct detect_result detect;
	struct policy policy;
};

/* Loads the firmware's tables and applies \doorbell\acpi\ overrides. */
void platform_acpi_load(const struct boot_info *bi);
struct platform *platform_get(void);
/*
 * Parse the tables, read the CPU's and the units' signals, decide the
 * verdict and the policy (config keys: ims=force, ims_bit=N). After
 * arch_acpi_init (the PSCI conduit) and with the MMU up (unit registers).
 */
void platform_detect(void);
/* The report: ACPI facts, the tables in acpidump format (acpi_dump=on), signals, policy. */
void platform_report(void);

#endif
