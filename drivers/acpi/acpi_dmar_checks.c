/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_dmar_checks.h"

/* What Linux does when the whole table is dropped: no DMA and no interrupt remapping. */
#define DMAR_DROPPED "the DMAR is not used: no DMA remapping and no interrupt remapping"
#define DMAR_TAINT   "the kernel is tainted (TAINT_FIRMWARE_WORKAROUND, 'I')"

const struct finding_check acpi_dmar_checks[ACPI_DMAR_CHK_COUNT] = {
	[ACPI_DMAR_CHK_FLAGS_RESERVED] = {"dmar.flags-reserved", "reserved flag bits are ignored",
					  0},
	[ACPI_DMAR_CHK_RESERVED_NONZERO] = {"dmar.reserved-nonzero", "reserved fields are ignored",
					    0},
	[ACPI_DMAR_CHK_HAW_INVALID] = {"dmar.haw-invalid",
				       "\"DMAR: Invalid DMAR haw\"; " DMAR_DROPPED, 0},
	[ACPI_DMAR_CHK_HAW_ABOVE_64] = {"dmar.haw-above-64",
					"accepted: prints \"DMAR: Host address width N\"", 0},
	[ACPI_DMAR_CHK_TRAILING_BYTES] = {"dmar.trailing-bytes", 0, 0},
	[ACPI_DMAR_CHK_STRUCT_LENGTH_INVALID] = {"dmar.struct-length-invalid",
						 "a 0-length structure ends the walk; the "
						 "structures after it are not seen",
						 0},
	[ACPI_DMAR_CHK_STRUCT_OVERRUN] =
		{"dmar.struct-overrun",
		 "\"DMAR: [Firmware Bug]: Record passes table end\"; " DMAR_DROPPED, 0},
	[ACPI_DMAR_CHK_STRUCT_ORDER] = {"dmar.struct-order", "accepted in any order", 0},
	[ACPI_DMAR_CHK_STRUCT_LENGTH_SHORT] = {"dmar.struct-length-short", 0, 0},
	[ACPI_DMAR_CHK_STRUCT_TYPE_UNKNOWN] = {"dmar.struct-type-unknown",
					       "\"DMAR: Unknown DMAR structure type N\"; skipped",
					       0},
	[ACPI_DMAR_CHK_PARSER_OVERFLOW] = {"dmar.parser-overflow", 0, 0},
	[ACPI_DMAR_CHK_NO_DRHD] =
		{"dmar.no-drhd",
		 "\"DMAR: [Firmware Bug]: No DRHD structure found in DMAR table\"; "
		 "no remapping unit",
		 0},
	[ACPI_DMAR_CHK_SCOPE_STRAY_BYTE] = {"dmar.scope-stray-byte", 0, 0},
	[ACPI_DMAR_CHK_SCOPE_LENGTH_SHORT] = {"dmar.scope-length-short", 0, 0},
	[ACPI_DMAR_CHK_SCOPE_OVERRUN] = {"dmar.scope-overrun", 0, 0},
	[ACPI_DMAR_CHK_SCOPE_PATH_ODD] = {"dmar.scope-path-odd", 0, 0},
	[ACPI_DMAR_CHK_SCOPE_TYPE_RESERVED] =
		{"dmar.scope-type-reserved",
		 "\"DMAR: Unsupported device scope\"; the scope is skipped", 0},
	[ACPI_DMAR_CHK_SCOPE_NO_PATH] = {"dmar.scope-no-path", 0, 0},
	[ACPI_DMAR_CHK_DRHD_FLAGS_RESERVED] = {"dmar.drhd-flags-reserved",
					       "reserved flag bits are ignored", 0},
	[ACPI_DMAR_CHK_DRHD_SIZE_RESERVED] = {"dmar.drhd-size-reserved", 0, 0},
	[ACPI_DMAR_CHK_DRHD_BASE_ZERO] =
		{"dmar.drhd-base-zero",
		 "\"DMAR: [Firmware Bug]: Your BIOS is broken; DMAR reported "
		 "at address 0!\"; " DMAR_TAINT "; " DMAR_DROPPED,
		 "intel_iommu=off (quiets it; the table stays broken)"},
	[ACPI_DMAR_CHK_DRHD_BASE_UNALIGNED] = {"dmar.drhd-base-unaligned",
					       "maps the registers at the address given", 0},
	[ACPI_DMAR_CHK_INCLUDE_ALL_PCI_SCOPE] = {"dmar.include-all-pci-scope", 0, 0},
	[ACPI_DMAR_CHK_INCLUDE_ALL_DUPLICATE] = {"dmar.include-all-duplicate", 0, 0},
	[ACPI_DMAR_CHK_INCLUDE_ALL_NOT_LAST] = {"dmar.include-all-not-last",
						"moves the INCLUDE_PCI_ALL unit to the end of its "
						"list, so the other units still match first",
						0},
	[ACPI_DMAR_CHK_RMRR_UNALIGNED] = {"dmar.rmrr-unaligned",
					  "\"DMAR: [Firmware Bug]: Your BIOS is broken; bad RMRR "
					  "[base-end]\"; " DMAR_TAINT "; the RMRR is still mapped",
					  0},
	[ACPI_DMAR_CHK_RMRR_REVERSED] = {"dmar.rmrr-reversed",
					 "\"DMAR: [Firmware Bug]: Your BIOS is broken; bad RMRR "
					 "[base-end]\"; " DMAR_TAINT,
					 0},
	[ACPI_DMAR_CHK_RMRR_NO_SCOPE] = {"dmar.rmrr-no-scope",
					 "the region is reserved for no device", 0},
	[ACPI_DMAR_CHK_RMRR_ORDER] = {"dmar.rmrr-order", 0, 0},
	[ACPI_DMAR_CHK_RMRR_OVERLAP] = {"dmar.rmrr-overlap", 0, 0},
	[ACPI_DMAR_CHK_RMRR_BEYOND_HAW] = {"dmar.rmrr-beyond-haw",
					   "maps the region; a device cannot reach it", 0},
	[ACPI_DMAR_CHK_STRUCT_FLAGS_RESERVED] = {"dmar.struct-flags-reserved",
						 "reserved flag bits are ignored", 0},
	[ACPI_DMAR_CHK_RHSA_LENGTH] = {"dmar.rhsa-length", 0, 0},
	[ACPI_DMAR_CHK_RHSA_NO_DRHD] = {"dmar.rhsa-no-drhd",
					"\"DMAR: [Firmware Bug]: Your BIOS is broken; RHSA refers "
					"to non-existent DMAR unit at ...\"; " DMAR_TAINT,
					0},
	[ACPI_DMAR_CHK_ANDD_NAME_UNTERMINATED] =
		{"dmar.andd-name-unterminated",
		 "\"DMAR: [Firmware Bug]: Your BIOS is broken; ANDD "
		 "object name is not NUL-terminated\"; " DMAR_TAINT
		 "; the walk fails there: " DMAR_DROPPED,
		 0},
	[ACPI_DMAR_CHK_ANDD_NAME_EMPTY] = {"dmar.andd-name-empty",
					   "\"DMAR: Failed to find handle for ACPI object \"; the "
					   "ACPI namespace device gets no remapping unit",
					   0},
	[ACPI_DMAR_CHK_IOAPIC_SCOPE_DUPLICATE] =
		{"dmar.ioapic-scope-duplicate",
		 "\"DMAR-IR: IOAPIC id N under DRHD base ...\" for each; "
		 "the I/O APIC's interrupts are remapped by the unit it "
		 "meets first, the other claim is not used",
		 0},
	[ACPI_DMAR_CHK_HPET_SCOPE_DUPLICATE] =
		{"dmar.hpet-scope-duplicate",
		 "\"DMAR-IR: HPET id N under DRHD base ...\" for each; the unit it meets first "
		 "remaps the HPET's MSIs",
		 0},
	[ACPI_DMAR_CHK_IOAPIC_SCOPE_REPEATED] =
		{"dmar.ioapic-scope-repeated",
		 "keeps the first scope and verifies the I/O APIC's "
		 "source-id against its path alone",
		 0},
	[ACPI_DMAR_CHK_HPET_SCOPE_REPEATED] = {"dmar.hpet-scope-repeated",
					       "keeps the first scope and verifies HPET MSIs with "
					       "the low 3 function bits ignored, so scopes for "
					       "functions 0-7 of one device all work",
					       0},
};
