/* SPDX-License-Identifier: MIT */
/*
 * The VT-d remap irq domain (docs/architecture.md,
 * "The interrupt domain stack"): kind "remap", on the vector
 * domain. alloc takes an IRTE index and asks the parent for a (CPU,
 * vector); activate writes the entry from the parent's compatibility
 * message (destination, vector; fixed, edge, physical) with source-id
 * verification against what the device's writes carry: info->ids.rid is the
 * device's requester id; when it names an enumerated PCI function, its
 * aliases behind bridges decide (pci_dev_requester: exact id, or a bus
 * range); compose gives the
 * remappable message with the index as handle; set_affinity rewrites the
 * entry after the parent staged its move and answers DONE, so the message
 * in the device never changes.
 */
#ifndef DOORBELL_VTD_IR_DOMAIN_H
#define DOORBELL_VTD_IR_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/vtd/vtd_ir.h"
#include "kernel/irq/irq_domain.h"
#include "kernel/irq/irq_idalloc.h"

struct vtd_ir_irq {
	uint16_t sid; /* source-id verification: SID, SQ, SVT as the IRTE holds them */
	uint8_t sq, svt;
	bool staged;         /* a move is staged: old is what to restore */
	struct vtd_irte old; /* the entry before the move */
};

struct vtd_ir_domain {
	struct irq_domain domain;
	char name[12];
	struct vtd_ir *ir;
	uint16_t segment;       /* PCI segment of the unit's devices */
	struct irq_idalloc ids; /* IRTE indexes [0, ir->count); ids.used counts them */
	uint64_t id_map[IRQ_IDALLOC_WORDS(VTD_IR_MAX_ENTRIES)];
	struct vtd_ir_irq irq[IRQ_NR_VIRQS];
};

/* Register vd as "vtd-ir<index>" (kind "remap") over parent: 0 or irq_domain_create's errno. */
int vtd_ir_domain_create(struct vtd_ir_domain *vd, struct vtd_ir *ir, struct irq_domain *parent,
			 unsigned index);

/*
 * Test hooks: limit the entries alloc hands out (0: the whole table);
 * returns the previous limit. Not locked: call while the domain is idle.
 */
uint32_t vtd_ir_domain_set_limit(struct vtd_ir_domain *vd, uint32_t limit);

extern const struct irq_domain_ops vtd_ir_domain_ops;

#endif
