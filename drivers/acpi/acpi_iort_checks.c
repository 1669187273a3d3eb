/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_iort_checks.h"

const struct finding_check acpi_iort_checks[ACPI_IORT_CHK_COUNT] = {
	[ACPI_IORT_CHK_MAPPINGS_OUTSIDE] = {"iort.mappings-outside-node", 0, 0},
	[ACPI_IORT_CHK_ITS_GROUP_MAPPINGS] = {"iort.its-group-mappings", 0, 0},
	[ACPI_IORT_CHK_MAPPING_FLAGS_RESERVED] = {"iort.mapping-flags-reserved", 0, 0},
	[ACPI_IORT_CHK_MAPPING_RANGE_WRAPS] = {"iort.mapping-range-wraps", 0, 0},
	[ACPI_IORT_CHK_ITS_GROUP_EMPTY] = {"iort.its-group-empty", 0, 0},
	[ACPI_IORT_CHK_ITS_GROUP_OVERRUN] = {"iort.its-group-overrun", 0, 0},
	[ACPI_IORT_CHK_NAMED_COMPONENT_NAME] = {"iort.named-component-name-unterminated", 0, 0},
	[ACPI_IORT_CHK_RMR_FLAGS_RESERVED] = {"iort.rmr-flags-reserved", 0, 0},
	[ACPI_IORT_CHK_RMR_ACCESS_ATTRIBUTES] = {"iort.rmr-access-attributes", 0, 0},
	[ACPI_IORT_CHK_RMR_NO_RANGE] = {"iort.rmr-no-range", 0, 0},
	[ACPI_IORT_CHK_RMR_RANGES_OUTSIDE] = {"iort.rmr-ranges-outside-node", 0, 0},
	[ACPI_IORT_CHK_RMR_RANGE_UNALIGNED] = {"iort.rmr-range-unaligned", 0, 0},
	[ACPI_IORT_CHK_RESERVED_NONZERO] = {"iort.reserved-nonzero", 0, 0},
	[ACPI_IORT_CHK_SMMUV3_DEVICEID_INDEX] = {"iort.smmuv3-deviceid-index", 0, 0},
	[ACPI_IORT_CHK_OUTPUT_REF_INVALID] = {"iort.output-reference-invalid", 0, 0},
	[ACPI_IORT_CHK_OUTPUT_WRONG_TYPE] = {"iort.output-wrong-type", 0, 0},
	[ACPI_IORT_CHK_MAPPINGS_OFF_BY_ONE] = {"iort.mappings-off-by-one",
					       "takes it for the known NumIDs off-by-one: the "
					       "mapping that starts at the shared ID wins",
					       0},
	[ACPI_IORT_CHK_NODE_ARRAY_OUTSIDE] = {"iort.node-array-outside", 0, 0},
	[ACPI_IORT_CHK_NODE_COUNT_WRONG] = {"iort.node-count-wrong", 0, 0},
	[ACPI_IORT_CHK_NODE_LENGTH_INVALID] = {"iort.node-length-invalid", 0, 0},
	[ACPI_IORT_CHK_NODE_TYPE_UNKNOWN] = {"iort.node-type-unknown", 0, 0},
	[ACPI_IORT_CHK_NODE_LENGTH_SHORT] = {"iort.node-length-short", 0, 0},
	[ACPI_IORT_CHK_PARSER_OVERFLOW] = {"iort.parser-overflow", 0, 0},
	[ACPI_IORT_CHK_MAPPINGS_OVERLAP] = {"iort.mappings-overlap",
					    "\"[Firmware Bug]: [map ...] conflicting mapping for "
					    "input ID ...\"; the later match is ignored",
					    0},
	[ACPI_IORT_CHK_RMR_REVISION] = {"iort.rmr-revision",
					"RMR nodes of the deprecated E.b/E.c layouts are ignored",
					0},
};
