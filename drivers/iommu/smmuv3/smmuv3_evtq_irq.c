/* SPDX-License-Identifier: MIT */
/*
 * The event queue's wired interrupt as its own small domain (docs/architecture.md,
 * "Extra users of the stack": domains, not special cases): one interrupt
 * whose hwirq is the IORT's event GSIV, on the arch's wired domain (arm64:
 * the GICv3 SPI domain, edge; QEMU virt's IORT gives GSIV 106, SPI 74).
 * QEMU 7.2's SMMUv3 has no MSI (IDR0.MSI = 0), so this wire is the only
 * signal: QEMU pulses it after each record it writes while
 * IRQ_CTRL.EVENTQ_IRQEN is set.
 *
 * The handler drains the queue into the event log (smmuv3_evtq_drain, under
 * the unit's evtq_lock: the tests' own drains and smmuv3_evtq_wait run
 * beside it on any CPU). Without a wired domain or when the set-up fails,
 * nothing is left allocated and the queue is polled (smmuv3_evtq_wait).
 */
#include <stdio.h>

#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"

static struct irq_domain smmuv3_evtq_domain;
static virq_t smmuv3_evtq_virq;
static const char *smmuv3_evtq_state = "polled";
static char smmuv3_evtq_why[96] = "not set up";

/* The domain that owns GSIVs; NULL where the arch has none (x86_64). */
static struct irq_domain *smmuv3_evtq_spi_parent(void)
{
	return arch_wired_irq_domain();
}

static int smmuv3_evtq_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			     const struct irq_alloc_info *info)
{
	if (nr != 1)
		return -EINVAL;
	irq_domain_get_data(d, virq)->hwirq = info->index; /* the GSIV */
	return irq_domain_alloc_parent(d, virq, nr, info);
}

static int smmuv3_evtq_show(const struct irq_data *data, char *buf, size_t size)
{
	return snprintf(buf, size, "event queue, GSIV %u", data->hwirq.v);
}

static const struct irq_domain_ops smmuv3_evtq_ops = {
	.alloc = smmuv3_evtq_alloc,
	.show = smmuv3_evtq_show,
};

static void smmuv3_evtq_handler(virq_t virq, void *cookie)
{
	(void)virq;
	smmuv3_evtq_drain(cookie);
}

static int smmuv3_evtq_polled(const char *what, int err)
{
	snprintf(smmuv3_evtq_why, sizeof(smmuv3_evtq_why), "%s: %s", what, errno_name(err));
	return err;
}

int smmuv3_evtq_irq_setup(struct smmuv3 *s)
{
	struct irq_domain *parent = smmuv3_evtq_spi_parent();
	if (!parent)
		return smmuv3_evtq_polled("no wired interrupt domain", -ENODEV);
	if (!s->event_gsiv)
		return smmuv3_evtq_polled("the IORT gives no event GSIV", -ENODEV);
	struct irq_domain_info info = {.name = "smmuv3-evtq",
				       .kind = IRQ_DOMAIN_KIND_WIRED,
				       .parent = parent,
				       .ops = &smmuv3_evtq_ops};
	int err = irq_domain_create(&smmuv3_evtq_domain, &info);
	if (err)
		return smmuv3_evtq_polled("domain", err);
	struct irq_alloc_info ai = {.cpu = IRQ_CPU(0), .index = HWIRQ(s->event_gsiv)};
	virq_t virq = VIRQ_NONE;
	const char *step = "irq_alloc";
	err = irq_alloc(&smmuv3_evtq_domain, 1, &ai, &virq);
	if (err)
		goto fail;
	step = "irq_activate";
	err = irq_set_handler(virq, smmuv3_evtq_handler, s);
	if (!err)
		err = irq_activate(virq);
	if (err)
		goto fail;
	step = "irq_unmask";
	err = irq_unmask(virq);
	if (err)
		goto fail;
	step = "IRQ_CTRL.EVENTQ_IRQEN";
	err = smmuv3_irq_ctrl_write(s, SMMUV3_IRQ_CTRL_EVENTQ_IRQEN);
	if (err)
		goto fail;
	smmuv3_evtq_virq = virq;
	s->evtq_irq = true;
	smmuv3_evtq_state = "irq";
	smmuv3_evtq_why[0] = '\0';
	return 0;

fail:
	if (virq_valid(virq))
		irq_free(virq, 1);
	irq_domain_remove(&smmuv3_evtq_domain);
	return smmuv3_evtq_polled(step, err);
}

const char *smmuv3_evtq_irq_state(void)
{
	return smmuv3_evtq_state;
}

const char *smmuv3_evtq_irq_reason(void)
{
	return smmuv3_evtq_why;
}

virq_t smmuv3_evtq_irq_virq(void)
{
	return smmuv3_evtq_virq;
}
