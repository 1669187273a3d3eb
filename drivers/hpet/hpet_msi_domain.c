/* SPDX-License-Identifier: MIT */
#include "drivers/hpet/hpet_msi_domain.h"

#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "drivers/hpet/hpet_regs.h"
#include "kernel/errno.h"
#include "kernel/platform_drivers.h"

static struct hpet_msi_domain *hpet_msi_of(struct irq_domain *d)
{
	return d->priv;
}

static void hpet_msi_store(struct hpet_msi_domain *d, unsigned n)
{
	bool open = (d->used >> n & 1) && !(d->masked >> n & 1);
	hpet_timer_fsb(d->hpet, n, &d->msg[n], open);
}

static int hpet_msi_alloc(struct irq_domain *dom, virq_t virq, uint32_t nr,
			  const struct irq_alloc_info *info)
{
	struct hpet_msi_domain *d = hpet_msi_of(dom);
	unsigned n = info ? info->index.v : HPET_MSI_MAX_TIMERS;
	if (nr != 1 || !info || info->dev != d || n >= d->hpet->timers ||
	    n >= HPET_MSI_MAX_TIMERS || !(hpet_timer_caps(d->hpet, n) & HPET_TN_FSB_CAP))
		return -EINVAL;
	if (d->used >> n & 1)
		return -EBUSY;
	int err = irq_domain_alloc_parent(dom, virq, nr, info);
	if (err)
		return err;
	struct irq_data *data = irq_domain_get_data(dom, virq);
	data->hwirq = HWIRQ(n);
	data->chip_data = d;
	d->used |= 1u << n;
	d->masked |= 1u << n; /* interrupts start masked (irq.h) */
	memset(&d->msg[n], 0, sizeof(d->msg[n]));
	return 0;
}

static void hpet_msi_free(struct irq_domain *dom, virq_t virq, uint32_t nr)
{
	struct hpet_msi_domain *d = hpet_msi_of(dom);
	struct irq_data *data = irq_domain_get_data(dom, virq);
	if (!data || !data->chip_data)
		return;
	unsigned n = data->hwirq.v;
	d->used &= ~(1u << n);
	hpet_msi_store(d, n);
	data->chip_data = 0;
}

static void hpet_msi_deactivate(struct irq_data *data)
{
	struct hpet_msi_domain *d = hpet_msi_of(data->domain);
	d->masked |= 1u << data->hwirq.v;
	hpet_msi_store(d, data->hwirq.v);
}

static int hpet_msi_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	struct hpet_msi_domain *d = hpet_msi_of(data->domain);
	if (msg->address_hi)
		return -ERANGE; /* Tn_FSB_INT_ADDR is 32 bits */
	d->msg[data->hwirq.v] = *msg;
	hpet_msi_store(d, data->hwirq.v);
	return 0;
}

static void hpet_msi_mask(struct irq_data *data)
{
	struct hpet_msi_domain *d = hpet_msi_of(data->domain);
	d->masked |= 1u << data->hwirq.v;
	hpet_msi_store(d, data->hwirq.v);
}

static void hpet_msi_unmask(struct irq_data *data)
{
	struct hpet_msi_domain *d = hpet_msi_of(data->domain);
	d->masked &= ~(1u << data->hwirq.v);
	hpet_msi_store(d, data->hwirq.v);
}

static int hpet_msi_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct hpet_msi_domain *d = hpet_msi_of(data->domain);
	const struct msi_msg *m = &d->msg[data->hwirq.v];
	return snprintf(buf, size, "timer %u fsb 0x%08x:0x%08x", data->hwirq.v, m->address_lo,
			m->data);
}

const struct irq_domain_ops hpet_msi_domain_ops = {
	.alloc = hpet_msi_alloc,
	.free = hpet_msi_free,
	.deactivate = hpet_msi_deactivate,
	.write_msg = hpet_msi_write_msg,
	.mask = hpet_msi_mask,
	.unmask = hpet_msi_unmask,
	.show = hpet_msi_show,
};

void hpet_msi_alloc_info(const struct hpet_msi_domain *d, unsigned n, irq_cpu_t cpu,
			 struct irq_alloc_info *info)
{
	memset(info, 0, sizeof(*info));
	info->cpu = cpu;
	info->index = HWIRQ(n);
	info->ids.rid = d->sid;
	info->dev = (void *)d;
}

int hpet_msi_domain_create(struct hpet_msi_domain *d, struct hpet *h, const char **why)
{
	memset(d, 0, sizeof(*d));
	d->hpet = h;
	*why = "";
	const struct platform_drivers *drv = &arch_platform_drivers;
	struct irq_domain *parent = 0;
	if (drv->remap_domain_source)
		parent =
			drv->remap_domain_source(PLATFORM_IRQ_SOURCE_HPET, h->number, &d->sid, why);
	if (!parent && (*why)[0])
		return -EOPNOTSUPP;
	d->remapped = parent != 0;
	if (!parent)
		parent = arch_irq_domain();
	if (!parent) {
		*why = "no vector domain";
		return -ENODEV;
	}
	snprintf(d->name, sizeof(d->name), "hpet%u", h->number);
	struct irq_domain_info info = {
		.name = d->name,
		.kind = IRQ_DOMAIN_KIND_BUS,
		.parent = parent,
		.ops = &hpet_msi_domain_ops,
		.priv = d,
	};
	return irq_domain_create(&d->domain, &info);
}
