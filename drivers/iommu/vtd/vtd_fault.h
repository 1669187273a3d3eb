/* SPDX-License-Identifier: MIT */
/*
 * The fault status and fault recording registers of one VT-d unit (VT-d
 * 3.x §7.1.3, §11.4.9, §11.4.14), read by the unit's fault event handler
 * (vtd_fault_domain.h) and by the tests that provoke faults.
 */
#ifndef DOORBELL_VTD_FAULT_H
#define DOORBELL_VTD_FAULT_H

#include <stdint.h>

#include "drivers/iommu/vtd/vtd_unit.h"

/* What the fault registers hold. */
#define VTD_FAULT_MAX_RECORDS 8
struct vtd_fault_record {
	unsigned reason; /* FR */
	uint16_t sid;
	uint16_t index; /* interrupt index of an IR fault */
};
struct vtd_fault_report {
	uint32_t fsts;
	unsigned count;
	struct vtd_fault_record rec[VTD_FAULT_MAX_RECORDS];
};
/*
 * Read FSTS and every fault recording register with F set; clear the
 * records read and PFO (not the queue errors: vtd_qi_wait owns those).
 */
void vtd_fault_read(const struct vtd_unit *u, struct vtd_fault_report *r);
/* Print the report as `# vtd: fault ...` lines. */
void vtd_fault_print(const struct vtd_fault_report *r);
/* Name of a fault reason (§7.1.3 table), "unknown" otherwise. */
const char *vtd_fault_reason_name(unsigned reason);

#endif
