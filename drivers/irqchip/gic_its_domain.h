/* SPDX-License-Identifier: MIT */
/*
 * The ITS remap irq domain (docs/architecture.md,
 * "The interrupt domain stack"): kind "remap", on the LPI domain.
 * alloc takes the device's DeviceID (info->ids.device_id, the IORT's
 * mapping of its requester id unless a test knows better) and one EventID
 * per interrupt, mapping the device
 * (MAPD, ITT) on its first interrupt, and asks the parent for an LPI and a
 * CPU; activate maps the event (MAPTI to the CPU's collection), then INV
 * for the LPI's configuration and SYNC; compose gives GITS_TRANSLATER and
 * the EventID; set_affinity moves the event with MOVI + SYNC after the
 * parent staged its CPU and answers DONE: the device's message never
 * changes. Deactivate is DISCARD + SYNC.
 *
 * The doorbell is the address the device can reach GITS_TRANSLATER at:
 * activate asks iommu_msi_map() for it with the requester id the device's
 * writes are translated with (info->ids.rid): an IOVA in
 * the MSI window of the device's SMMUv3 stage-1 context, or the physical
 * address when nothing translates. compose writes it; deactivate (and any
 * failed activate) gives it back with iommu_msi_unmap().
 */
#ifndef DOORBELL_GIC_ITS_DOMAIN_H
#define DOORBELL_GIC_ITS_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/irqchip/gic.h"
#include "drivers/irqchip/gic_its.h"
#include "kernel/irq/irq_domain.h"

struct gic_its_irq {
	struct gic_its_device *dev;
	uint32_t event;
	uint32_t rid;      /* requester id an IOMMU translates the device's writes with */
	uint64_t doorbell; /* what the device writes, while doorbell_mapped */
	bool doorbell_mapped;
	irq_cpu_t old_cpu; /* while a move is staged */
	bool staged;
	struct gic_its *its;
	struct lpi_route route; /* the LPI's INV: this event's, while mapped */
};

struct gic_its_domain {
	struct irq_domain domain;
	struct gic_its *its;
	struct gic_its_irq irq[IRQ_NR_VIRQS];
	uint64_t movi_count;
	uint64_t movi_ticks; /* MOVI + SYNC, summed */
};

/* Register dom as "its0" (kind "remap") over parent: 0 or irq_domain_create's errno. */
int gic_its_domain_create(struct gic_its_domain *dom, struct gic_its *its,
			  struct irq_domain *parent);

/* Where virq's event lives: 0, or -ENOENT when virq has no level in dom. Lock held or idle. */
int gic_its_domain_event(struct gic_its_domain *dom, virq_t virq, uint32_t *dev_id,
			 uint32_t *event);

extern const struct irq_domain_ops gic_its_domain_ops;

#endif
