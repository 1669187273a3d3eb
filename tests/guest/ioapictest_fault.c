/* SPDX-License-Identifier: MIT */
/*
 * When an I/O APIC interrupt through remapping does not arrive: the unit's
 * fault record says why, and for a source-id verification failure (reason
 * 0x26, VT-d §7.1.3) which source-id the requests really carry, against what
 * the DMAR IOAPIC scope names (the IRTE's SID).
 */
#include "tests/guest/ioapictest.h"

#include <stdio.h>

#include "drivers/iommu/vtd/vtd_fault.h"
#include "drivers/iommu/vtd/vtd_fault_domain.h"
#include "drivers/iommu/vtd/vtd_ir_domain.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"

#define IOAPICTEST_FR_SID 0x26

void ioapictest_fault_clear(struct ioapictest *s)
{
	struct irq_data *top = irq_chain(s->virq);
	if (!s->d->remapped || !top || !top->parent_data)
		return;
	struct vtd_ir_domain *vd = top->parent_data->domain->priv;
	struct vtd_fault_report r;
	vtd_fault_read(&vd->ir->unit, &r);
	struct vtd_fault_domain *fd = vtd_fault_domain_state();
	s->fault_events = fd ? vtd_fault_events(fd) : 0;
}

bool ioapictest_fault_explain(struct dtest_ctx *t, struct ioapictest *s, uint16_t want_sid,
			      uint16_t *arrives)
{
	struct irq_data *top = irq_chain(s->virq);
	if (!s->d->remapped || !top || !top->parent_data)
		return false;
	struct vtd_ir_domain *vd = top->parent_data->domain->priv;
	struct vtd_fault_domain *fd = vtd_fault_domain_state();
	struct vtd_fault_report r;
	if (fd && vtd_fault_events(fd) != s->fault_events)
		r = fd->last; /* the fault handler read and cleared the records */
	else
		vtd_fault_read(&vd->ir->unit, &r);
	vtd_fault_print(&r);
	for (unsigned i = 0; i < r.count; i++) {
		if (r.rec[i].reason != IOAPICTEST_FR_SID)
			continue;
		*arrives = r.rec[i].sid;
		dtest_diag(t,
			   "DMAR IOAPIC scope for I/O APIC id %u names %02x:%02x.%u; its "
			   "interrupts arrive as %02x:%02x.%u (fault reason 0x26, IRTE %u)",
			   s->d->io.id, want_sid >> 8, (want_sid >> 3) & 0x1f, want_sid & 7,
			   r.rec[i].sid >> 8, (r.rec[i].sid >> 3) & 0x1f, r.rec[i].sid & 7,
			   r.rec[i].index);
		return true;
	}
	return false;
}
