/* SPDX-License-Identifier: MIT */
/*
 * The IVRS's checks: one stable id each ("ivrs.<what>"), with what Linux
 * does on the same condition (drivers/iommu/amd/init.c) where it does
 * something visible. Also the device entry walk shared by the parser.
 */
#ifndef DOORBELL_ACPI_IVRS_CHECKS_H
#define DOORBELL_ACPI_IVRS_CHECKS_H

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_ivrs.h"
#include "kernel/findings.h"

enum acpi_ivrs_check {
	ACPI_IVRS_CHK_TRAILING_BYTES,
	ACPI_IVRS_CHK_BLOCK_LENGTH_INVALID,
	ACPI_IVRS_CHK_BLOCK_TYPE_UNKNOWN,
	ACPI_IVRS_CHK_IVHD_LENGTH_SHORT,
	ACPI_IVRS_CHK_IVHD_BASE_ZERO,
	ACPI_IVRS_CHK_IVHD_BASE_UNALIGNED,
	ACPI_IVRS_CHK_NO_IVHD,
	ACPI_IVRS_CHK_PARSER_OVERFLOW,
	ACPI_IVRS_CHK_REVISION_TYPE,
	ACPI_IVRS_CHK_ENTRY_OVERRUN,
	ACPI_IVRS_CHK_ENTRY_TYPE_RESERVED,
	ACPI_IVRS_CHK_ENTRY_LENGTH_UNKNOWN,
	ACPI_IVRS_CHK_RANGE_UNTERMINATED,
	ACPI_IVRS_CHK_RANGE_END_WITHOUT_START,
	ACPI_IVRS_CHK_RANGE_REVERSED,
	ACPI_IVRS_CHK_SPECIAL_VARIETY_UNKNOWN,
	ACPI_IVRS_CHK_SPECIAL_DUPLICATE,
	ACPI_IVRS_CHK_IVMD_LENGTH_INVALID,
	ACPI_IVRS_CHK_IVMD_UNALIGNED,
	ACPI_IVRS_CHK_IVMD_RANGE_REVERSED,
	ACPI_IVRS_CHK_IVMD_NO_ACTION,
	ACPI_IVRS_CHK_COUNT
};

extern const struct finding_check acpi_ivrs_checks[ACPI_IVRS_CHK_COUNT];

#define IVRS_CHECK(id) (&acpi_ivrs_checks[ACPI_IVRS_CHK_##id])

/*
 * Walks the device entries of IVHD v->ivhd[index] (§5.2.2.3), bytes
 * [start, end) of the table: counts them, records special devices (48h),
 * and reports every malformed entry.
 */
void acpi_ivrs_entries(const struct acpi_cursor *c, uint32_t start, uint32_t end, unsigned index,
		       struct acpi_ivrs *v, struct findings *f);

#endif
