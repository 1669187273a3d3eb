/* SPDX-License-Identifier: MIT */
#include "tests/guest/vtdtest.h"

#include <string.h>

#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/pci/pci_regs.h"
#include "kernel/errno.h"

bool vtdtest_open(struct dtest_ctx *t, struct vtdtest *v, unsigned cpu)
{
	memset(v, 0, sizeof(*v));
	v->vd = vtd_ir_domain_state();
	if (!v->vd) {
		dtest_skip(t, "interrupt remapping is off: %s", vtd_ir_absent_reason());
		return false;
	}
	if (!irqtest_msi_open(t, &v->s, cpu))
		return false;
	struct irq_data *top = irq_chain(v->s.virq);
	v->remap = top ? top->parent_data : 0;
	v->vec = v->remap ? v->remap->parent_data : 0;
	if (!DT_EXPECT(t, v->remap && v->remap->domain == &v->vd->domain && v->vec,
		       "the chain is not bus -> vtd-ir0 -> vector"))
		return false;
	/* The unit serving edu by the DMAR's device scopes is the one in the chain. */
	struct vtd_ir_domain *unit =
		vtd_ir_domain_for_rid(v->s.edu.pci->addr.segment, pci_dev_rid(v->s.edu.pci));
	if (!DT_EXPECT(t, unit == v->vd,
		       "edu's unit by DMAR scope is %s, the chain goes through %s",
		       unit ? unit->name : "none", v->vd->name))
		return false;
	int err = pci_msi_info(v->s.edu.pci, &v->cap);
	if (!DT_EXPECT(t, err == 0, "edu MSI capability: %s", errno_name(err)))
		return false;
	/* The highest index nobody holds. */
	for (uint32_t i = v->vd->ir->count; i-- > 0;) {
		if (!irq_idalloc_is_used(&v->vd->ids, i)) {
			v->spare = i;
			return true;
		}
	}
	return DT_EXPECT(t, false, "no spare IRTE");
}

void vtdtest_close(struct vtdtest *v)
{
	if (v->vd && v->spare)
		vtd_ir_clear(v->vd->ir, v->spare);
	irqtest_msi_close(&v->s);
}

int vtdtest_compat_msg(const struct vtdtest *v, struct msi_msg *msg)
{
	return v->vec->domain->ops->compose(v->vec, msg);
}

static void cap_write(const struct vtdtest *v, const struct msi_msg *m)
{
	const struct pci_dev *d = v->s.edu.pci;
	unsigned off = v->cap.offset;
	pci_write32(d, off + PCI_MSI_ADDRESS_LO, m->address_lo);
	if (v->cap.addr64) {
		pci_write32(d, off + PCI_MSI_ADDRESS_HI, m->address_hi);
		pci_write16(d, off + PCI_MSI_DATA_64, (uint16_t)m->data);
	} else {
		pci_write16(d, off + PCI_MSI_DATA_32, (uint16_t)m->data);
	}
}

void vtdtest_read_cap(const struct vtdtest *v, struct msi_msg *m)
{
	const struct pci_dev *d = v->s.edu.pci;
	unsigned off = v->cap.offset;
	m->address_lo = pci_read32(d, off + PCI_MSI_ADDRESS_LO);
	m->address_hi = v->cap.addr64 ? pci_read32(d, off + PCI_MSI_ADDRESS_HI) : 0;
	m->data = pci_read32(d, off + (v->cap.addr64 ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32)) & 0xffff;
}

struct vtdtest_shot vtdtest_send(struct vtdtest *v, const struct msi_msg *msg)
{
	struct irqtest_snap before, after;
	struct msi_msg real;
	irq_msg(v->s.virq, &real);
	irqtest_snap(&before, v->s.virq);
	cap_write(v, msg);
	edu_raise(&v->s.edu, 1);
	irqtest_idle(IRQTEST_WAIT_US);
	cap_write(v, &real);
	irqtest_snap(&after, v->s.virq);
	struct vtdtest_shot shot = {0, 0};
	for (unsigned c = 0; c < after.cpus; c++) {
		shot.delivered += after.count[c] - before.count[c];
		shot.unexpected += after.unexpected[c] - before.unexpected[c] + after.spurious[c] -
				   before.spurious[c];
	}
	return shot;
}

void vtdtest_source(const struct vtdtest *v, struct vtd_irte_fields *f, uint16_t *arrives)
{
	struct pci_requester r = {.rid = pci_dev_rid(v->s.edu.pci)};
	pci_dev_requester(v->s.edu.pci, &r);
	vtd_irte_source(&r, f);
	*arrives = r.aliases ? r.alias : r.rid;
}
