/* SPDX-License-Identifier: MIT */
#include "tests/guest/irqtest_dev.h"

#include <string.h>

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/msi_parent.h"

bool irqtest_msi_open(struct dtest_ctx *t, struct irqtest_msi *s, unsigned cpu)
{
	memset(s, 0, sizeof(*s));
	struct irq_domain *parent = irq_msi_parent();
	if (!parent) {
		dtest_skip(t, "%s", irq_msi_parent_absent_reason());
		return false;
	}
	int err = edu_probe(&s->edu, 0);
	if (!DT_EXPECT(t, err == 0, "edu probe: %s", errno_name(err)))
		return false;
	err = pci_msi_domain_create(&s->md, parent, s->edu.pci);
	if (!DT_EXPECT(t, err == 0, "PCI-MSI domain on %s: %s", parent->name, errno_name(err)))
		return false;
	s->have_domain = true;
	struct irq_alloc_info info = {
		.cpu = IRQ_CPU(cpu), .dev = s->edu.pci, .dev_id = pci_dev_rid(s->edu.pci)};
	err = irq_alloc(&s->md.domain, 1, &info, &s->virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc: %s", errno_name(err)))
		return false;
	irq_set_handler(s->virq, irqtest_handler, &s->counter);
	err = irq_activate(s->virq);
	if (!DT_EXPECT(t, err == 0, "irq_activate: %s", errno_name(err)))
		return false;
	/* edu has no per-vector masking (hw/misc/edu.c): -EOPNOTSUPP is its answer. */
	err = irq_unmask(s->virq);
	return DT_EXPECT(t, err == 0 || err == -EOPNOTSUPP, "irq_unmask: %s", errno_name(err));
}

void irqtest_msi_close(struct irqtest_msi *s)
{
	if (virq_valid(s->virq))
		irq_free(s->virq, 1);
	s->virq = VIRQ_NONE;
	if (s->have_domain)
		pci_msi_domain_remove(&s->md);
	s->have_domain = false;
	edu_release(&s->edu);
}

bool irqtest_msi_fire(struct irqtest_msi *s, uint64_t want)
{
	edu_raise(&s->edu, 1);
	return irqtest_wait(&s->counter, want, IRQTEST_WAIT_US);
}

uint32_t irqtest_msi_lockstep(struct dtest_ctx *t, struct irqtest_msi *s, unsigned cpu,
			      uint32_t count, const char *label, uint64_t *ticks, bool *ok)
{
	*ticks = 0;
	int err = irq_set_affinity(s->virq, IRQ_CPU(cpu));
	*ok = DT_EXPECT(t, err == 0, "irq_set_affinity to CPU %u: %s", cpu, errno_name(err));
	if (!*ok)
		return 0;
	struct irqtest_snap before;
	irqtest_snap(&before, s->virq);
	uint64_t base = irqtest_hits(&s->counter);
	uint64_t t0 = arch_counter_read();
	uint32_t k;
	for (k = 1; k <= count; k++)
		if (!irqtest_msi_fire(s, base + k))
			break;
	*ticks = arch_counter_read() - t0;
	if (k <= count)
		dtest_diag(t, "CPU %u: interrupt %u of %u never came", cpu, k, count);
	*ok = irqtest_expect_delta(t, label, s->virq, &before, cpu, count);
	return k - 1;
}

bool irqtest_msix_open(struct dtest_ctx *t, struct irqtest_msix *s, unsigned nr, unsigned cpu,
		       bool unmask)
{
	memset(s, 0, sizeof(*s));
	struct irq_domain *parent = irq_msi_parent();
	if (!parent) {
		dtest_skip(t, "%s", irq_msi_parent_absent_reason());
		return false;
	}
	int err = e1000e_probe(&s->nic, 0);
	if (!DT_EXPECT(t, err == 0, "e1000e probe: %s", errno_name(err)))
		return false;
	err = pci_msix_domain_create(&s->mx, parent, s->nic.pci);
	if (!DT_EXPECT(t, err == 0, "PCI-MSI-X domain on %s: %s", parent->name, errno_name(err)))
		return false;
	s->have_domain = true;
	struct irq_alloc_info info = {.cpu = IRQ_CPU(cpu),
				      .dev = s->nic.pci,
				      .dev_id = pci_dev_rid(s->nic.pci),
				      .index = HWIRQ(0)};
	err = irq_alloc(&s->mx.domain, nr, &info, &s->virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc of %u entries: %s", nr, errno_name(err)))
		return false;
	s->nr = nr;
	for (unsigned i = 0; i < nr; i++) {
		virq_t v = VIRQ(s->virq.v + i);
		irq_set_handler(v, irqtest_handler, &s->counter[i]);
		err = irq_activate(v);
		if (!DT_EXPECT(t, err == 0, "irq_activate entry %u: %s", i, errno_name(err)))
			return false;
		if (unmask) {
			err = irq_unmask(v);
			if (!DT_EXPECT(t, err == 0, "irq_unmask entry %u: %s", i, errno_name(err)))
				return false;
		}
	}
	e1000e_msix_route(&s->nic);
	return true;
}

void irqtest_msix_close(struct irqtest_msix *s)
{
	/* The table is in a BAR: free while memory decode is still on, then put the NIC back. */
	e1000e_quiesce(&s->nic);
	if (s->nr)
		irq_free(s->virq, s->nr);
	s->nr = 0;
	if (s->have_domain)
		pci_msix_domain_remove(&s->mx);
	s->have_domain = false;
	e1000e_release(&s->nic);
}
