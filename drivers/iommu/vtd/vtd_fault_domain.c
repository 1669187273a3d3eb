/* SPDX-License-Identifier: MIT */
/* The fault event interrupt's bus level (Linux: dmar_msi_write / dmar_msi_mask, as a domain). */
#include "drivers/iommu/vtd/vtd_fault_domain.h"

#include <stdio.h>
#include <string.h>

#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"

static struct vtd_fault_domain *vtd_fault_of(struct irq_domain *d)
{
	return d->priv;
}

static void vtd_fault_set_mask(const struct vtd_unit *u, bool masked)
{
	/* IP is read-only: writing 0 there changes nothing. */
	vtd_write32(u, VTD_REG_FECTL, masked ? VTD_FECTL_IM : 0);
}

static int vtd_fault_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			   const struct irq_alloc_info *info)
{
	struct vtd_fault_domain *fd = vtd_fault_of(d);
	if (nr != 1 || virq_valid(fd->virq))
		return -ENOSPC; /* one fault event per unit */
	int err = irq_domain_alloc_parent(d, virq, nr, info);
	if (err)
		return err;
	struct irq_data *data = irq_domain_get_data(d, virq);
	data->hwirq = HWIRQ(0);
	data->chip_data = fd;
	fd->virq = virq;
	return 0;
}

static void vtd_fault_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	struct vtd_fault_domain *fd = vtd_fault_of(d);
	vtd_fault_set_mask(fd->unit, true);
	fd->virq = VIRQ_NONE;
}

static void vtd_fault_deactivate(struct irq_data *data)
{
	vtd_fault_set_mask(vtd_fault_of(data->domain)->unit, true);
}

/* §11.4.9.3-5: data, then the address and its upper half; the event is masked until unmask. */
static int vtd_fault_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	const struct vtd_unit *u = vtd_fault_of(data->domain)->unit;
	vtd_write32(u, VTD_REG_FEDATA, msg->data);
	vtd_write32(u, VTD_REG_FEADDR, msg->address_lo);
	vtd_write32(u, VTD_REG_FEUADDR, msg->address_hi);
	return 0;
}

static void vtd_fault_mask(struct irq_data *data)
{
	vtd_fault_set_mask(vtd_fault_of(data->domain)->unit, true);
}

static void vtd_fault_unmask(struct irq_data *data)
{
	vtd_fault_set_mask(vtd_fault_of(data->domain)->unit, false);
}

static int vtd_fault_show(const struct irq_data *data, char *buf, size_t size)
{
	const struct vtd_fault_domain *fd = data->chip_data;
	return snprintf(buf, size, "fault event of unit 0x%llx",
			(unsigned long long)fd->unit->base);
}

const struct irq_domain_ops vtd_fault_domain_ops = {
	.alloc = vtd_fault_alloc,
	.free = vtd_fault_free,
	.deactivate = vtd_fault_deactivate,
	.write_msg = vtd_fault_write_msg,
	.mask = vtd_fault_mask,
	.unmask = vtd_fault_unmask,
	.show = vtd_fault_show,
};

static void vtd_fault_handler(virq_t virq, void *cookie)
{
	struct vtd_fault_domain *fd = cookie;
	vtd_fault_read(fd->unit, &fd->last);
	fd->fsts_seen |= fd->last.fsts;
	fd->records += fd->last.count + fd->last.unstored;
	__atomic_fetch_add(&fd->events, 1, __ATOMIC_RELEASE);
}

uint64_t vtd_fault_events(const struct vtd_fault_domain *fd)
{
	return __atomic_load_n(&fd->events, __ATOMIC_ACQUIRE);
}

void vtd_fault_msg_read(const struct vtd_unit *u, struct msi_msg *msg)
{
	msg->data = vtd_read32(u, VTD_REG_FEDATA);
	msg->address_lo = vtd_read32(u, VTD_REG_FEADDR);
	msg->address_hi = vtd_read32(u, VTD_REG_FEUADDR);
}

uint32_t vtd_fault_fectl(const struct vtd_unit *u)
{
	return vtd_read32(u, VTD_REG_FECTL);
}

int vtd_fault_irq_setup(struct vtd_fault_domain *fd, const struct vtd_unit *u,
			struct irq_domain *parent, unsigned index)
{
	memset(fd, 0, sizeof(*fd));
	fd->unit = u;
	fd->virq = VIRQ_NONE;
	vtd_fault_set_mask(u, true);
	snprintf(fd->name, sizeof(fd->name), "vtd-fault%u", index);
	struct irq_domain_info info = {
		.name = fd->name,
		.kind = IRQ_DOMAIN_KIND_BUS,
		.parent = parent,
		.ops = &vtd_fault_domain_ops,
		.priv = fd,
	};
	int err = irq_domain_create(&fd->domain, &info);
	if (err)
		return err;
	struct irq_alloc_info ai = {.cpu = IRQ_CPU(0), .dev = fd};
	virq_t virq;
	err = irq_alloc(&fd->domain, 1, &ai, &virq);
	if (err)
		goto remove;
	irq_set_handler(virq, vtd_fault_handler, fd);
	err = irq_activate(virq);
	if (!err)
		err = irq_unmask(virq);
	if (!err)
		return 0;
	irq_free(virq, 1);
remove:
	irq_domain_remove(&fd->domain);
	fd->virq = VIRQ_NONE;
	return err;
}
