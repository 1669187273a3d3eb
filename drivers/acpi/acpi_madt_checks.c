/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_madt_checks.h"

const struct finding_check acpi_madt_checks[ACPI_MADT_CHK_COUNT] = {
	[ACPI_MADT_CHK_FLAGS_RESERVED] = {"madt.flags-reserved", "reserved flag bits are ignored",
					  0},
	[ACPI_MADT_CHK_RESERVED_NONZERO] = {"madt.reserved-nonzero", "reserved fields are ignored",
					    0},
	[ACPI_MADT_CHK_ISO_BUS_NOT_ISA] = {"madt.iso-bus-not-isa", 0, 0},
	[ACPI_MADT_CHK_TRAILING_BYTES] = {"madt.trailing-bytes", 0, 0},
	[ACPI_MADT_CHK_STRUCT_LENGTH_INVALID] = {"madt.struct-length-invalid", 0, 0},
	[ACPI_MADT_CHK_STRUCT_OVERRUN] = {"madt.struct-overrun", 0, 0},
	[ACPI_MADT_CHK_STRUCT_LENGTH_SHORT] = {"madt.struct-length-short", 0, 0},
	[ACPI_MADT_CHK_STRUCT_LENGTH_WRONG] = {"madt.struct-length-wrong", 0, 0},
	[ACPI_MADT_CHK_STRUCT_TYPE_UNKNOWN] = {"madt.struct-type-unknown", "skipped by its length",
					       0},
	[ACPI_MADT_CHK_GICD_MULTIPLE] = {"madt.gicd-multiple", 0, 0},
	[ACPI_MADT_CHK_PARSER_OVERFLOW] = {"madt.parser-overflow", 0, 0},
	[ACPI_MADT_CHK_IOAPIC_ID_DUPLICATE] =
		{"madt.ioapic-id-duplicate",
		 "x86_64 keeps both IDs; with interrupt remapping both I/O APICs get the "
		 "source-id of the one DMAR scope with that ID, so the other's interrupts fail "
		 "source-id verification",
		 0},
};
