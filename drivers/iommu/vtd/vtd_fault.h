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
	uint32_t fsts;     /* FSTS as read before anything was cleared */
	unsigned count;    /* records stored in rec[], in the order read */
	unsigned unstored; /* records read and cleared that did not fit rec[] */
	struct vtd_fault_record rec[VTD_FAULT_MAX_RECORDS];
};
/*
 * Read FSTS, then every one of the CAP.NFR fault recording registers,
 * starting at FSTS.FRI and wrapping (§7.3.1: the unit fills them as a
 * circular buffer from FRI); each with F set is stored (or counted in
 * unstored once rec[] is full) and its F cleared. PFO is cleared after the
 * records; PPF is read-only and falls when no F is left (§11.4.9.1). The
 * queue errors (IQE, ICE, ITE) stay: vtd_qi_wait owns them.
 */
void vtd_fault_read(const struct vtd_unit *u, struct vtd_fault_report *r);
/* Print the report as `# vtd: fault ...` lines. */
void vtd_fault_print(const struct vtd_fault_report *r);
/* Name of a fault reason (§7.1.3 table), "unknown" otherwise. */
const char *vtd_fault_reason_name(unsigned reason);

#endif
