/* SPDX-License-Identifier: MIT */
/* What arm64 takes from ACPI (the PSCI conduit comes here). */
#include "arch/hooks.h"

void arch_acpi_init(const struct acpi_tables *t)
{
	(void)t;
}
