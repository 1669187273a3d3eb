/* SPDX-License-Identifier: MIT */
#include "kernel/msi_parent.h"

#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "drivers/acpi/acpi_iort.h"
#include "drivers/pci/pci.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/msi_parent_pick.h"
#include "kernel/platform.h"
#include "kernel/platform_drivers.h"

/*
 * The platform policy (docs/architecture.md, "The opt-in rule") attached to
 * the MSI parents: IMS only where the opt-in rule allows it, or in forced
 * mode (a demonstration).
 */
static int msi_parent_gate(uint32_t feature, const char **reason)
{
	if (feature != IRQ_FEATURE_IMS)
		return 0;
	const struct policy *p = &platform_get()->policy;
	if (policy_ims_may_create(p))
		return 0;
	*reason = p->ims_reason;
	return -EOPNOTSUPP;
}

void msi_parent_init(void)
{
	for (struct irq_domain *d = irq_domain_first(); d; d = d->next)
		if (d->kind == IRQ_DOMAIN_KIND_REMAP || d == arch_irq_domain())
			irq_domain_set_gate(d, msi_parent_gate);
}

/* The device's remap domain, as this image's remap driver resolves it (VT-d: the DMAR unit by scope). */
static struct irq_domain *msi_parent_remap(uint16_t segment, uint16_t rid)
{
	return arch_platform_drivers.remap_domain_for(segment, rid);
}

static const char *msi_parent_absent_reason(void)
{
	static char why[200];
	struct irq_domain *d = arch_irq_domain();
	if (!d)
		return "no interrupt domain on this platform";
	snprintf(why, sizeof(why), "the %s domain composes no MSI and there is no remap domain: %s",
		 d->name, arch_platform_drivers.remap_absent_reason());
	return why;
}

int msi_dev_prepare_rid(struct msi_dev *md, uint16_t segment, uint16_t rid)
{
	struct platform *plat = platform_get();
	struct acpi_iort_path path;
	const struct acpi_iort_path *pp = 0;

	memset(md, 0, sizeof(*md));
	md->absent_reason = "";
	if (plat->parsed.has_iort) {
		int err = acpi_iort_map_rid(&plat->parsed.iort, segment, rid, &path);
		if (err) {
			md->absent_reason = "the IORT maps the requester id to no ITS";
			msi_parent_pick_ids(segment, rid, 0, &md->ids);
			return -ENODEV;
		}
		pp = &path;
	}
	msi_parent_pick_ids(segment, rid, pp, &md->ids);
	md->parent = msi_parent_pick(msi_parent_remap(segment, rid), arch_irq_domain());
	if (md->parent)
		return 0;
	md->absent_reason = msi_parent_absent_reason();
	return -ENODEV;
}

int msi_dev_prepare(struct msi_dev *md, const struct pci_dev *pd)
{
	return msi_dev_prepare_rid(md, pd->addr.segment, pci_dev_rid(pd));
}

void msi_dev_set_device_id(struct msi_dev *md, uint32_t device_id)
{
	md->ids.device_id = device_id;
	md->device_id_overridden = true;
}

bool irq_msi_parent_ims_demonstration(void)
{
	const struct policy *p = &platform_get()->policy;
	return p->ims == POLICY_IMS_REFUSED && p->ims_forced;
}
