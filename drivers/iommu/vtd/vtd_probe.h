/* SPDX-License-Identifier: MIT */
/* First contact with a VT-d remapping unit: its identity registers, read safely. */
#ifndef DOORBELL_VTD_PROBE_H
#define DOORBELL_VTD_PROBE_H

#include <stdint.h>

#include "kernel/policy/signals.h"

struct vtd_unit_id {
	uint32_t ver; /* VER_REG: major 7:4, minor 3:0 */
	uint64_t cap, ecap;
};

/*
 * Read VER, CAP and ECAP of the unit at base (VT-d 3.4 §11.4.1-11.4.3) with
 * aborts caught: 0, -EFAULT (a read aborted) or -ENODEV (all ones, or a
 * version of 0.0: nothing decodes the address).
 */
int vtd_probe_unit(uint64_t base, struct vtd_unit_id *id);

/* Every DMAR unit's VER/CAP/ECAP into s->vtd (detection), aborts caught. */
void vtd_probe_signals(struct platform_signals *s, const struct acpi_platform *a);

#endif
