/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_ir_special.h"

#include <stdio.h>

#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/iommu/vtd/vtd_scope_special.h"
#include "drivers/pci/pci.h"
#include "kernel/errno.h"

static char vtd_special_why[160];

static int vtd_special_secondary(void *ctx, uint16_t segment, uint8_t bus, uint8_t devfn)
{
	const struct pci_dev *b = pci_find_rid(segment, (uint16_t)(bus << 8 | devfn));
	if (!b || (b->header_type & PCI_HEADER_TYPE_MASK) != PCI_HEADER_BRIDGE)
		return -1;
	return b->secondary_bus;
}

static int vtd_special_upstream(void *ctx, uint16_t segment, uint8_t bus)
{
	return -1;
}

struct irq_domain *vtd_ir_special_domain(uint8_t type, uint8_t id, uint16_t *sid, const char **why)
{
	const struct acpi_dmar *dmar = vtd_ir_dmar();
	*why = "";
	if (!dmar)
		return 0;
	const char *what = type == ACPI_DMAR_SCOPE_HPET ? "HPET" : "IOAPIC";
	const char *who = type == ACPI_DMAR_SCOPE_HPET ? "HPET number" : "I/O APIC id";
	const struct vtd_scope_pci pci = {vtd_special_secondary, vtd_special_upstream, 0};
	struct vtd_special s;
	int err = vtd_scope_special(dmar, type, id, &pci, &s);
	if (err == -ENOENT) {
		int other = vtd_scope_special_other(dmar, type, id);
		if (other >= 0)
			snprintf(vtd_special_why, sizeof(vtd_special_why),
				 "no DMAR %s scope names %s %u (the table's %s scope names %u): "
				 "its interrupts cannot be remapped",
				 what, who, id, what, dmar->scope[other].enumeration_id);
		else
			snprintf(vtd_special_why, sizeof(vtd_special_why),
				 "no DMAR %s scope names %s %u: its interrupts cannot be remapped",
				 what, who, id);
		*why = vtd_special_why;
		return 0;
	}
	if (err) {
		snprintf(vtd_special_why, sizeof(vtd_special_why),
			 "the DMAR %s scope of %s %u (offset 0x%x) has a path that does not "
			 "resolve",
			 what, who, id, dmar->scope[s.scope].offset);
		*why = vtd_special_why;
		return 0;
	}
	struct vtd_ir_domain *vd = vtd_ir_unit_domain((unsigned)s.drhd);
	if (!vd) {
		snprintf(vtd_special_why, sizeof(vtd_special_why), "DRHD %d is not up", s.drhd);
		*why = vtd_special_why;
		return 0;
	}
	*sid = s.sid;
	return &vd->domain;
}
