/* SPDX-License-Identifier: MIT */
/* What x86 takes from ACPI: the PM timer for arch_refclock. */
#include "arch/hooks.h"
#include "arch/x86_64/x86.h"
#include "drivers/acpi/acpi_fadt.h"
#include "drivers/acpi/acpi_tables.h"

void arch_acpi_init(const struct acpi_tables *t)
{
	const struct acpi_table *tb = t ? acpi_table_find(t, "FACP", 0) : 0;
	struct acpi_fadt fadt;
	struct findings *ignored = 0;
	if (!tb || acpi_fadt_parse(tb->data, tb->length, &fadt, ignored))
		return;
	/* ACPI 6.5 §4.8.3.3: a PM timer in system I/O space, 4 bytes wide. */
	if (fadt.pm_timer.space_id == 1 && fadt.pm_timer.address && fadt.pm_timer.address < 0x10000)
		x86_pm_timer_set((uint16_t)fadt.pm_timer.address, fadt.pm_timer_32bit);
}
