/* SPDX-License-Identifier: MIT */
/*
 * Taking a unit over from firmware: interrupt remapping or queued
 * invalidation left enabled at hand-over (a firmware that runs in x2APIC
 * mode must enable remapping; a crashed kernel's does too) are turned off
 * before doorbell programs its own queue and table, as Linux does outside
 * kdump (intel_setup_irq_remapping: IRE cleared; dmar_disable_qi: the queue
 * drained, then QIE cleared). Fault records left set are read and cleared
 * (Linux: dmar_fault before dmar_disable_qi).
 */
#ifndef DOORBELL_VTD_TAKEOVER_H
#define DOORBELL_VTD_TAKEOVER_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/vtd/vtd_unit.h"

struct vtd_takeover {
	uint32_t gsts;   /* GSTS as firmware left it */
	bool ir_was_on;  /* GSTS.IRES was set: remapping disabled */
	bool qi_was_on;  /* GSTS.QIES was set: the queue drained and disabled */
	unsigned faults; /* fault records found set, read and cleared */
};

/*
 * §11.4.4: one command bit per GCMD write, each waited for in GSTS. IRE
 * first (the firmware's table stops being used), then the fault records,
 * then the queue: wait until IQH = IQT (§11.4.4, QIE: software disables
 * queued invalidation only once the queue is empty, hardware behaviour is
 * undefined otherwise), then QIE. 0, or -ETIMEDOUT with *what naming the step whose
 * deadline passed (a status bit that never clears, a queue that never
 * drains); the unit is then left as far as it got.
 */
int vtd_takeover(const struct vtd_unit *u, struct vtd_takeover *t, const char **what);

#endif
