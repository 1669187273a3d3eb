/* SPDX-License-Identifier: MIT */
#include "tests/guest/vtdtest.h"

#include <string.h>

#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/pci/pci_regs.h"
#include "kernel/errno.h"
#include "kernel/time.h"

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
	irqtest_msi_cap_write(v->s.edu.pci, &v->cap, m);
}

void vtdtest_read_cap(const struct vtdtest *v, struct msi_msg *m)
{
	const struct pci_dev *d = v->s.edu.pci;
	unsigned off = v->cap.offset;
	m->address_lo = pci_read32(d, off + PCI_MSI_ADDRESS_LO);
	m->address_hi = v->cap.addr64 ? pci_read32(d, off + PCI_MSI_ADDRESS_HI) : 0;
	m->data = pci_read32(d, off + (v->cap.addr64 ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32)) & 0xffff;
}

static uint64_t vtdtest_delivered(const struct irqtest_snap *a, const struct irqtest_snap *b)
{
	uint64_t n = 0;
	for (unsigned c = 0; c < b->cpus; c++)
		n += b->count[c] - a->count[c];
	return n;
}

struct vtdtest_shot vtdtest_send_raw(struct vtdtest *v, const struct msi_msg *msg)
{
	struct irqtest_snap before, mid, after;
	struct msi_msg real;
	irq_msg(v->s.virq, &real);
	irqtest_snap(&before, v->s.virq);
	cap_write(v, msg);
	edu_raise(&v->s.edu, 1);
	/* edu sends the MSI within the raise's MMIO write: take it before the control can merge with it. */
	irqtest_take_pending();
	cap_write(v, &real);
	irqtest_snap(&mid, v->s.virq);
	edu_raise(&v->s.edu, 1);
	struct vtdtest_shot shot = {0, 0, false};
	deadline_t d = deadline_in_us(IRQTEST_WAIT_US);
	do {
		irqtest_take_pending();
		irqtest_snap(&after, v->s.virq);
		shot.control = vtdtest_delivered(&mid, &after) >= 1;
	} while (!shot.control && !deadline_passed(d));
	shot.delivered = vtdtest_delivered(&before, &after) - (shot.control ? 1 : 0);
	for (unsigned c = 0; c < after.cpus; c++)
		shot.unexpected += after.unexpected[c] - before.unexpected[c] + after.spurious[c] -
				   before.spurious[c];
	return shot;
}

struct vtdtest_shot vtdtest_send(struct dtest_ctx *t, struct vtdtest *v, const struct msi_msg *msg)
{
	struct vtdtest_shot shot = vtdtest_send_raw(v, msg);
	DT_EXPECT(t, shot.control,
		  "the real message raised after the forged one never arrived: the device or its "
		  "path no longer delivers, so a missing delivery proves nothing");
	return shot;
}

void vtdtest_source(const struct vtdtest *v, struct vtd_irte_fields *f, uint16_t *arrives)
{
	struct pci_requester r = {.rid = pci_dev_rid(v->s.edu.pci)};
	pci_dev_requester(v->s.edu.pci, &r);
	vtd_irte_source(&r, f);
	*arrives = r.aliases ? r.alias : r.rid;
}
