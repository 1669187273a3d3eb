/* SPDX-License-Identifier: MIT */
/* The MADT both arches walk for their CPUs (and arm64 for its GIC), parsed once into pages. */
#include "drivers/acpi/acpi_madt.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/smp.h"

static unsigned smp_madt_pages(void)
{
	return (sizeof(struct acpi_madt) + PAGE_SIZE - 1) / PAGE_SIZE;
}

struct acpi_madt *smp_madt_read(const struct acpi_tables *t)
{
	const struct acpi_table *tab = t ? acpi_table_find(t, "APIC", 0) : 0;
	if (!tab)
		return 0;
	struct acpi_madt *m = (struct acpi_madt *)(uintptr_t)page_alloc(smp_madt_pages());
	if (m && acpi_madt_parse(tab->data, tab->length, m, 0)) {
		page_free((paddr_t)(uintptr_t)m, smp_madt_pages());
		return 0;
	}
	return m;
}

void smp_madt_free(struct acpi_madt *m)
{
	if (m)
		page_free((paddr_t)(uintptr_t)m, smp_madt_pages());
}
