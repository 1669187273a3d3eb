/* SPDX-License-Identifier: MIT */
/*
 * The fault event interrupt of one VT-d unit as its own small irq domain
 * (docs/architecture.md, "Extra users of the stack"): kind "bus", on
 * the vector domain, one interrupt. Its write_msg stores the composed
 * message in FEDATA / FEADDR / FEUADDR and mask / unmask is FECTL.IM
 * (VT-d 3.x §11.4.9.2-11.4.9.5; 2.x §10.4.10-10.4.13). The unit's own
 * interrupts are never remapped, so the parent is the vector domain even
 * when the unit remaps everything else: the message is compatibility format.
 *
 * The handler reads FSTS and the fault recording registers (vtd_fault_read),
 * clears the records and PFO, counts the event and keeps what it read. The
 * queue errors (IQE/ICE/ITE) it sees are left to vtd_qi_wait.
 *
 *	vtd_fault_irq_setup(&fd, &ir->unit, arch_irq_domain(), 0);   "vtd-fault0"
 *	... a fault ...  fd.events == 1, fd.last holds FSTS and the records
 */
#ifndef DOORBELL_VTD_FAULT_DOMAIN_H
#define DOORBELL_VTD_FAULT_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/vtd/vtd_fault.h"
#include "kernel/irq/irq_domain.h"

struct vtd_fault_domain {
	struct irq_domain domain;
	const struct vtd_unit *unit;
	char name[16];
	virq_t virq;                  /* VIRQ_NONE until set up */
	uint64_t events;              /* handler runs (atomic) */
	uint32_t fsts_seen;           /* FSTS bits seen by the handler, ORed */
	unsigned records;             /* fault records read and cleared by the handler */
	struct vtd_fault_report last; /* what the last run read */
};

/*
 * Create "vtd-fault<index>" (kind "bus") on parent, allocate its interrupt
 * on CPU 0, install the handler, activate (FEDATA/FEADDR/FEUADDR written)
 * and unmask (FECTL.IM clear). 0, or the errno of the step that failed with
 * everything undone (FECTL.IM left set).
 */
int vtd_fault_irq_setup(struct vtd_fault_domain *fd, const struct vtd_unit *u,
			struct irq_domain *parent, unsigned index);

/* The unit's registers as they stand (for tests: read back what write_msg stored). */
void vtd_fault_msg_read(const struct vtd_unit *u, struct msi_msg *msg);
uint32_t vtd_fault_fectl(const struct vtd_unit *u);

/* Handler runs so far (atomic read). */
uint64_t vtd_fault_events(const struct vtd_fault_domain *fd);

extern const struct irq_domain_ops vtd_fault_domain_ops;

#endif
