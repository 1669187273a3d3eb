/* SPDX-License-Identifier: MIT */
/*
 * The event queue's wired interrupt as its own small domain (DESIGN §1:
 * extra interrupt users get domains, not special cases): one interrupt
 * whose hwirq is the IORT's event GSIV, on the GIC's SPI domain. QEMU 7.2's
 * SMMUv3 has no MSI (IDR0.MSI = 0), so this wire is the only signal.
 *
 * The switch: smmuv3_evtq_spi_parent() returns the SPI domain once the GIC
 * driver registers one; until then it returns NULL, setup answers -ENODEV
 * and the event queue is polled (smmuv3_evtq_drain, with deadlines).
 */
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"

static struct irq_domain smmuv3_evtq_domain;
static const char *smmuv3_evtq_state = "polled";

/* The GIC's SPI domain; NULL until the GICv3 driver provides one. */
static struct irq_domain *smmuv3_evtq_spi_parent(void)
{
	return 0;
}

static int smmuv3_evtq_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			     const struct irq_alloc_info *info)
{
	if (nr != 1)
		return -EINVAL;
	irq_domain_get_data(d, virq)->hwirq = info->index; /* the GSIV */
	return irq_domain_alloc_parent(d, virq, nr, info);
}

static const struct irq_domain_ops smmuv3_evtq_ops = {
	.alloc = smmuv3_evtq_alloc,
};

static void smmuv3_evtq_handler(virq_t virq, void *cookie)
{
	(void)virq;
	smmuv3_evtq_drain(cookie);
}

int smmuv3_evtq_irq_setup(struct smmuv3 *s)
{
	struct irq_domain *parent = smmuv3_evtq_spi_parent();
	if (!parent || !s->event_gsiv)
		return -ENODEV;
	struct irq_domain_info info = {
		.name = "smmuv3-evtq", .kind = "wired", .parent = parent, .ops = &smmuv3_evtq_ops};
	int err = irq_domain_create(&smmuv3_evtq_domain, &info);
	if (err)
		return err;
	struct irq_alloc_info ai = {.cpu = IRQ_CPU(0), .index = HWIRQ(s->event_gsiv)};
	virq_t virq = VIRQ_NONE;
	err = irq_alloc(&smmuv3_evtq_domain, 1, &ai, &virq);
	if (!err)
		err = irq_set_handler(virq, smmuv3_evtq_handler, s);
	if (!err)
		err = irq_activate(virq);
	if (!err)
		err = irq_unmask(virq);
	if (!err)
		err = smmuv3_irq_ctrl_write(s, SMMUV3_IRQ_CTRL_EVENTQ_IRQEN);
	if (err) {
		if (virq_valid(virq))
			irq_free(virq, 1);
		irq_domain_remove(&smmuv3_evtq_domain);
		return err;
	}
	s->evtq_irq = true;
	smmuv3_evtq_state = "irq";
	return 0;
}

const char *smmuv3_evtq_irq_state(void)
{
	return smmuv3_evtq_state;
}
