/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_ivrs_checks.h"

/* What Linux does when an IOMMU cannot be initialised: the AMD IOMMU driver gives up. */
#define IVRS_DROPPED "the AMD IOMMU is not used: no DMA remapping and no interrupt remapping"

const struct finding_check acpi_ivrs_checks[ACPI_IVRS_CHK_COUNT] = {
	[ACPI_IVRS_CHK_TRAILING_BYTES] = {"ivrs.trailing-bytes", 0, 0},
	[ACPI_IVRS_CHK_BLOCK_LENGTH_INVALID] = {"ivrs.block-length-invalid", 0, 0},
	[ACPI_IVRS_CHK_BLOCK_TYPE_UNKNOWN] = {"ivrs.block-type-unknown",
					      "skipped: only IVHDs of the chosen type and IVMDs "
					      "are read",
					      0},
	[ACPI_IVRS_CHK_IVHD_LENGTH_SHORT] = {"ivrs.ivhd-length-short", 0, 0},
	[ACPI_IVRS_CHK_IVHD_BASE_ZERO] = {"ivrs.ivhd-base-zero", 0, 0},
	[ACPI_IVRS_CHK_IVHD_BASE_UNALIGNED] = {"ivrs.ivhd-base-unaligned",
					       "maps the registers at the address given", 0},
	[ACPI_IVRS_CHK_NO_IVHD] = {"ivrs.no-ivhd",
				   "no IOMMU is found: no DMA remapping and no interrupt "
				   "remapping",
				   0},
	[ACPI_IVRS_CHK_PARSER_OVERFLOW] = {"ivrs.parser-overflow", 0, 0},
	[ACPI_IVRS_CHK_REVISION_TYPE] = {"ivrs.revision-type",
					 "not checked: the IVHD type is chosen from the blocks", 0},
	[ACPI_IVRS_CHK_ENTRY_OVERRUN] = {"ivrs.entry-overrun", 0, 0},
	[ACPI_IVRS_CHK_ENTRY_TYPE_RESERVED] = {"ivrs.entry-type-reserved",
					       "skipped by the length its type code implies (4 "
					       "bytes below 40h, 8 below 80h)",
					       0},
	[ACPI_IVRS_CHK_ENTRY_LENGTH_UNKNOWN] = {"ivrs.entry-length-unknown", 0, 0},
	[ACPI_IVRS_CHK_RANGE_UNTERMINATED] = {"ivrs.range-unterminated",
					      "the range's settings are never applied", 0},
	[ACPI_IVRS_CHK_RANGE_END_WITHOUT_START] = {"ivrs.range-end-without-start", 0, 0},
	[ACPI_IVRS_CHK_RANGE_REVERSED] = {"ivrs.range-reversed",
					  "the loop from start to end runs no device: the range's "
					  "settings are not applied",
					  0},
	[ACPI_IVRS_CHK_SPECIAL_VARIETY_UNKNOWN] = {"ivrs.special-variety-unknown",
						   "add_special_device returns -EINVAL, the "
						   "IOMMU fails to initialise; " IVRS_DROPPED,
						   0},
	[ACPI_IVRS_CHK_SPECIAL_DUPLICATE] = {"ivrs.special-duplicate",
					     "both are added to the map; lookups return the first",
					     "ivrs_ioapic=<id>@<seg>:<bus>:<dev>.<fn> or "
					     "ivrs_hpet=... names the device"},
	[ACPI_IVRS_CHK_IVMD_LENGTH_INVALID] = {"ivrs.ivmd-length-invalid", 0, 0},
	[ACPI_IVRS_CHK_IVMD_UNALIGNED] = {"ivrs.ivmd-unaligned",
					  "start and length are rounded up to pages (PAGE_ALIGN): "
					  "an unaligned start loses its first partial page",
					  0},
	[ACPI_IVRS_CHK_IVMD_RANGE_REVERSED] = {"ivrs.ivmd-range-reversed",
					       "the unity map covers no device", 0},
	[ACPI_IVRS_CHK_IVMD_NO_ACTION] = {"ivrs.ivmd-no-action",
					  "ignored: only unity maps and exclusion ranges are read",
					  0},
};
