/* SPDX-License-Identifier: MIT */
/*
 * Boot wiring of the GICv3 ITS: when the platform policy says
 * intremap=on (arm64: an ITS of the MADT answered its probe), the first
 * ITS gets its tables, command queue and collections, and the remap
 * domain "its0" is registered on the LPI domain. Any failure is printed
 * (`# its:` and a finding) and the ITS stays off with the reason; the run
 * goes on (MSI tests then SKIP with it).
 */
#ifndef DOORBELL_GIC_ITS_INIT_H
#define DOORBELL_GIC_ITS_INIT_H

#include "drivers/irqchip/gic_its_domain.h"
#include "kernel/irq/irq_domain.h"

/* After arch_smp_init (the LPI domain and every CPU exist) and platform_detect. */
void gic_its_init(void);
/* The `# fact its.*` lines. */
void gic_its_report(void);
/* The remap domain, NULL when the ITS is off. */
struct irq_domain *gic_its_domain_get(void);
/* Its state, for tests; NULL when off. */
struct gic_its_domain *gic_its_domain_state(void);
/* Why the ITS is off ("" when on). */
const char *gic_its_absent_reason(void);

#endif
