/* SPDX-License-Identifier: MIT */
/*
 * Report output for ACPI: `# fact key=value` lines (shared by the guest and
 * doorbell-acpi) and raw tables in acpidump's text format, which
 * `acpixtract -a` and `iasl -d` read back.
 */
#ifndef DOORBELL_ACPI_PRINT_H
#define DOORBELL_ACPI_PRINT_H

#include "drivers/acpi/acpi_platform.h"
#include "drivers/acpi/acpi_tables.h"

/* `# fact acpi.*` lines: how the tables were found (RSDP, root) and which are present. */
void acpi_print_table_facts(const struct acpi_tables *t);

/*
 * `# fact` lines for dmar.*, iort.*, fadt.*, madt.*, mcfg.*, ivrs.*,
 * spcr.*; keys of an absent table print `none` (dmar.count, iort.present
 * give 0).
 */
void acpi_print_facts(const struct acpi_platform *p);
/* The `# fact ivrs.*` lines (acpi_ivrs_print.c). */
void acpi_print_ivrs(const struct acpi_platform *p);

/*
 * One table in acpidump's format: "SIG @ 0x<16 hex digits>", then
 * "    0000: 44 4D 41 52 ...  DMAR...." lines of 16 bytes, then a blank line.
 */
void acpi_print_dump(const char *sig, uint64_t phys, const uint8_t *data, uint32_t len);

/* Every table of t in that format. */
void acpi_print_dump_all(const struct acpi_tables *t);

#endif
