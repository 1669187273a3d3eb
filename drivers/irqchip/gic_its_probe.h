/* SPDX-License-Identifier: MIT */
/* Does an ITS answer where the MADT says it is? (QEMU's its=off: no.) */
#ifndef DOORBELL_GIC_ITS_PROBE_H
#define DOORBELL_GIC_ITS_PROBE_H

#include <stdint.h>

#include "kernel/policy/signals.h"

struct gic_its_id {
	uint32_t ctlr, iidr;
	uint64_t typer;
};

/*
 * Read GITS_CTLR, GITS_IIDR and GITS_TYPER (GICv3 §12.19) with aborts
 * caught: 0, -EFAULT (a read aborted), -ENODEV (all ones).
 */
int gic_its_probe(uint64_t base, struct gic_its_id *id);

/* Every MADT ITS's IIDR/TYPER into s->its (detection), aborts caught. */
void gic_its_probe_signals(struct platform_signals *s, const struct acpi_platform *a);

#endif
