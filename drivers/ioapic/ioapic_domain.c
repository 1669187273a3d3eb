/* SPDX-License-Identifier: MIT */
/* The I/O APIC bus domain's ops (Linux: arch/x86/kernel/apic/io_apic.c, much reduced). */
#include "drivers/ioapic/ioapic_domain.h"

#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"

static struct ioapic_domain *ioapic_of(struct irq_domain *d)
{
	return d->priv;
}

bool ioapic_domain_pin_of(const struct ioapic_domain *d, uint32_t gsi, unsigned *pin)
{
	if (gsi < d->io.gsi_base || gsi - d->io.gsi_base >= d->io.pins)
		return false;
	*pin = gsi - d->io.gsi_base;
	return true;
}

int ioapic_domain_pin_cfg(struct ioapic_domain *d, uint32_t gsi, const struct ioapic_pin_cfg *cfg)
{
	unsigned pin;
	if (!ioapic_domain_pin_of(d, gsi, &pin))
		return -EINVAL;
	if (d->pin[pin].used)
		return -EBUSY;
	d->pin[pin].cfg = *cfg;
	return 0;
}

void ioapic_domain_alloc_info(const struct ioapic_domain *d, uint32_t gsi, irq_cpu_t cpu,
			      struct irq_alloc_info *info)
{
	memset(info, 0, sizeof(*info));
	info->cpu = cpu;
	info->index = HWIRQ(gsi);
	info->ids.rid = d->sid;
	info->dev = (void *)d;
}

static int ioapic_domain_alloc(struct irq_domain *dom, virq_t virq, uint32_t nr,
			       const struct irq_alloc_info *info)
{
	struct ioapic_domain *d = ioapic_of(dom);
	unsigned pin;
	if (nr != 1 || !info || info->dev != d || !ioapic_domain_pin_of(d, info->index.v, &pin))
		return -EINVAL;
	if (d->pin[pin].used)
		return -EBUSY;
	int err = irq_domain_alloc_parent(dom, virq, nr, info);
	if (err)
		return err;
	struct irq_data *data = irq_domain_get_data(dom, virq);
	data->hwirq = HWIRQ(pin);
	data->chip_data = &d->pin[pin];
	struct ioapic_pin *p = &d->pin[pin];
	p->used = true;
	p->masked = true; /* interrupts start masked (irq.h) */
	p->rte = IOAPIC_RTE_MASKED;
	p->vector = 0;
	p->virq = virq;
	ioapic_rte_mask(&d->io, pin, true);
	return 0;
}

static void ioapic_domain_free(struct irq_domain *dom, virq_t virq, uint32_t nr)
{
	struct ioapic_domain *d = ioapic_of(dom);
	struct irq_data *data = irq_domain_get_data(dom, virq);
	if (!data || !data->chip_data)
		return;
	struct ioapic_pin *p = data->chip_data;
	ioapic_rte_mask(&d->io, data->hwirq.v, true);
	p->used = false;
	p->virq = VIRQ_NONE;
	data->chip_data = 0;
}

static void ioapic_domain_deactivate(struct irq_data *data)
{
	ioapic_rte_mask(&ioapic_of(data->domain)->io, data->hwirq.v, true);
}

/*
 * The entry for msg: the vector the CPU receives is the target's (the
 * remappable format repeats the IRTE's vector, VT-d §5.1.5.1, so that an
 * EOI finds the entry).
 */
static int ioapic_domain_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	struct ioapic_domain *d = ioapic_of(data->domain);
	struct ioapic_pin *p = data->chip_data;
	struct irq_target t;
	int err = irq_domain_parent_target(data, &t);
	if (err)
		return err;
	uint64_t rte;
	err = ioapic_rte_from_msg(msg, t.vector, &p->cfg, p->masked, &rte);
	if (err) {
		d->write_errors++;
		return err;
	}
	ioapic_rte_write(&d->io, data->hwirq.v, rte);
	p->rte = rte;
	p->vector = t.vector;
	data->cpu = t.cpu;
	return 0;
}

static void ioapic_domain_set_mask(struct irq_data *data, bool masked)
{
	struct ioapic_pin *p = data->chip_data;
	p->masked = masked;
	if (masked)
		p->rte |= IOAPIC_RTE_MASKED;
	else
		p->rte &= ~IOAPIC_RTE_MASKED;
	ioapic_rte_mask(&ioapic_of(data->domain)->io, data->hwirq.v, masked);
}

static void ioapic_domain_mask(struct irq_data *data)
{
	ioapic_domain_set_mask(data, true);
}

static void ioapic_domain_unmask(struct irq_data *data)
{
	ioapic_domain_set_mask(data, false);
}

static int ioapic_domain_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct ioapic_domain *d = ioapic_of(data->domain);
	const struct ioapic_pin *p = data->chip_data;
	return snprintf(buf, size, "gsi %u pin %u rte 0x%016llx", d->io.gsi_base + data->hwirq.v,
			data->hwirq.v, (unsigned long long)(p ? p->rte : 0));
}

int ioapic_domain_eoi(struct ioapic_domain *d, uint32_t gsi)
{
	unsigned pin;
	if (!ioapic_domain_pin_of(d, gsi, &pin) || !d->pin[pin].used)
		return -EINVAL;
	if (ioapic_has_eoi(&d->io))
		ioapic_eoi(&d->io, d->pin[pin].vector);
	return 0;
}

const struct irq_domain_ops ioapic_domain_ops = {
	.alloc = ioapic_domain_alloc,
	.free = ioapic_domain_free,
	.deactivate = ioapic_domain_deactivate,
	.write_msg = ioapic_domain_write_msg,
	.mask = ioapic_domain_mask,
	.unmask = ioapic_domain_unmask,
	.show = ioapic_domain_show,
};

int ioapic_domain_create(struct ioapic_domain *d, struct irq_domain *parent, bool remapped,
			 uint16_t sid)
{
	d->remapped = remapped;
	d->sid = sid;
	d->write_errors = 0;
	memset(d->pin, 0, sizeof(d->pin));
	snprintf(d->name, sizeof(d->name), "ioapic%u", d->io.id);
	struct irq_domain_info info = {
		.name = d->name,
		.kind = IRQ_DOMAIN_KIND_BUS,
		.parent = parent,
		.ops = &ioapic_domain_ops,
		.priv = d,
	};
	return irq_domain_create(&d->domain, &info);
}
