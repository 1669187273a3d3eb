/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_ir_init.h"

#include <stdio.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "drivers/iommu/vtd/vtd_scope.h"
#include "drivers/iommu/vtd/vtd_scope_check.h"
#include "drivers/pci/pci.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/platform.h"
#include "kernel/report.h"

/* One DRHD brought up: its table and queue, its remap domain, its fault event. */
struct vtd_ir_unit {
	struct vtd_ir ir;
	struct vtd_ir_domain domain;
	struct vtd_fault_domain fault;
	bool fault_up;
	char fault_reason[64];
};

static struct vtd_ir_unit vtd_units[VTD_IR_MAX_UNITS];
static unsigned vtd_unit_count; /* units up: 0 when remapping is off */
static const struct acpi_dmar *vtd_dmar;
static bool vtd_ir_tried;
static char vtd_ir_reason[160];

/* Undo after a later unit failed: remapping is all units or none (as Linux). */
static void vtd_ir_units_off(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct vtd_ir_unit *vu = &vtd_units[i];
		if (vu->fault_up) {
			irq_free(vu->fault.virq, 1);
			irq_domain_remove(&vu->fault.domain);
		}
		irq_domain_remove(&vu->domain.domain);
		vtd_unit_gcmd(&vu->ir.unit, VTD_GCMD_IRE, false);
		vu->ir.enabled = false;
	}
}

/* What firmware had left enabled on unit i: printed, a finding each, the `vtd.handover` fact. */
static void vtd_ir_takeover_report(const struct vtd_takeover *t, unsigned i,
				   const struct acpi_dmar_drhd *drhd)
{
	char src[8];
	snprintf(src, sizeof(src), "VTD%u", i);
	struct findings *f = &platform_get()->findings;
	const char *what[] = {"interrupt remapping", "queued invalidation"};
	bool on[] = {t->ir_was_on, t->qi_was_on};
	for (unsigned k = 0; k < 2; k++) {
		if (!on[k])
			continue;
		kprintf("# vtd: vtd%u: %s was enabled by firmware (GSTS 0x%x): disabled and taken "
			"over\n",
			i, what[k], t->gsts);
		finding_add(f, FINDING_INFO, src, drhd->offset,
			    "vtd%u: %s was enabled by firmware: disabled and taken over", i,
			    what[k]);
	}
	if (t->faults) {
		kprintf("# vtd: vtd%u: %u fault record(s) left by firmware, read and cleared\n", i,
			t->faults);
		finding_add(f, FINDING_INFO, src, drhd->offset,
			    "vtd%u: %u fault record(s) left set at hand-over: cleared", i,
			    t->faults);
	}
}

static int vtd_ir_unit_up(struct vtd_ir_unit *vu, unsigned i, const struct acpi_dmar_drhd *drhd,
			  struct irq_domain *parent, bool eime, const char **what)
{
	/* No policy allows compatibility format: CFI stays clear (blocked). */
	int err = vtd_ir_enable(&vu->ir, drhd->reg_base, VTD_IR_INIT_ENTRIES, eime, false, what);
	vtd_ir_takeover_report(&vu->ir.takeover, i, drhd);
	if (err)
		return err;
	*what = "remap domain";
	err = vtd_ir_domain_create(&vu->domain, &vu->ir, parent, i);
	if (err) {
		vtd_unit_gcmd(&vu->ir.unit, VTD_GCMD_IRE, false);
		return err;
	}
	vu->domain.segment = drhd->segment;
	/* The unit's fault event: its own domain on the vector domain, never remapped. */
	err = vtd_fault_irq_setup(&vu->fault, &vu->ir.unit, parent, i);
	vu->fault_up = !err;
	if (err) {
		snprintf(vu->fault_reason, sizeof(vu->fault_reason), "fault event interrupt: %s",
			 errno_name(err));
		kprintf("# vtd: unit 0x%llx: %s; faults are only polled\n",
			(unsigned long long)drhd->reg_base, vu->fault_reason);
	}
	return 0;
}

void vtd_ir_init(void)
{
	struct platform *plat = platform_get();
	vtd_ir_tried = true;
	if (plat->policy.intremap != POLICY_ON) {
		snprintf(vtd_ir_reason, sizeof(vtd_ir_reason), "policy: %s",
			 plat->policy.intremap_reason);
		return;
	}
	const struct acpi_dmar *dmar = &plat->parsed.dmar;
	if (!plat->parsed.has_dmar || !dmar->drhd_count) {
		snprintf(vtd_ir_reason, sizeof(vtd_ir_reason), "no DRHD unit");
		return;
	}
	struct irq_domain *parent = arch_irq_domain();
	if (!parent) {
		snprintf(vtd_ir_reason, sizeof(vtd_ir_reason), "no vector domain");
		return;
	}
	if (dmar->drhd_count > VTD_IR_MAX_UNITS) {
		snprintf(vtd_ir_reason, sizeof(vtd_ir_reason),
			 "%u DRHD units, at most %u supported", dmar->drhd_count, VTD_IR_MAX_UNITS);
		kprintf("# vtd: %s; interrupt remapping left off\n", vtd_ir_reason);
		finding_add(&plat->findings, FINDING_ERROR, "VTD0", FINDING_NO_OFFSET,
			    "interrupt remapping: %s", vtd_ir_reason);
		return;
	}
	/* x2APIC destinations (IRTA.EIME) as the policy decided with ECAP.EIM (§9.10). */
	bool eime = plat->policy.intremap_eim == POLICY_ON;
	for (unsigned i = 0; i < dmar->drhd_count; i++) {
		const char *what = "";
		int err = vtd_ir_unit_up(&vtd_units[i], i, &dmar->drhd[i], parent, eime, &what);
		if (err) {
			vtd_ir_units_off(i);
			snprintf(vtd_ir_reason, sizeof(vtd_ir_reason), "unit 0x%llx: %s failed: %s",
				 (unsigned long long)dmar->drhd[i].reg_base, what, errno_name(err));
			kprintf("# vtd: %s; interrupt remapping left off\n", vtd_ir_reason);
			finding_add(&plat->findings, FINDING_ERROR, "VTD0", dmar->drhd[i].offset,
				    "interrupt remapping: %s failed (%s)", what, errno_name(err));
			return;
		}
	}
	vtd_dmar = dmar;
	vtd_unit_count = dmar->drhd_count;
}

void vtd_ir_report(void)
{
	if (!vtd_ir_tried)
		return;
	fact("vtd.ir", "%s", vtd_unit_count ? "on" : "off");
	if (!vtd_unit_count) {
		fact("vtd.ir_reason", "%s", vtd_ir_reason);
		return;
	}
	const struct vtd_ir *ir0 = &vtd_units[0].ir;
	fact("vtd.ir_units", "%u", vtd_unit_count);
	fact("vtd.qi", "on");
	fact("vtd.irta", "0x%llx", (unsigned long long)ir0->irta);
	fact("vtd.irte_count", "%u", ir0->count);
	fact("vtd.eime", "%u", ir0->eime ? 1 : 0);
	fact("vtd.cfi", "%s", ir0->cfi ? "allowed" : "blocked");
	fact("vtd.coherent", "%u", (unsigned)(ir0->unit.ecap & VTD_ECAP_C));
	const struct vtd_takeover *t = &ir0->takeover;
	/* What firmware had left enabled and was taken over: clean, ir, qi or ir+qi. */
	fact("vtd.handover", "%s",
	     t->ir_was_on ? (t->qi_was_on ? "ir+qi" : "ir") : (t->qi_was_on ? "qi" : "clean"));
	fact("vtd.fault_irq", "%s", vtd_units[0].fault_up ? "on" : "off");
	if (!vtd_units[0].fault_up)
		fact("vtd.fault_irq_reason", "%s", vtd_units[0].fault_reason);
}

/* PCI lookups for the DMAR device scopes (vtd_scope.h) over the enumerated functions. */
static int vtd_pci_secondary(void *ctx, uint16_t segment, uint8_t bus, uint8_t devfn)
{
	const struct pci_dev *b = pci_find_rid(segment, (uint16_t)(bus << 8 | devfn));
	if (!b || (b->header_type & PCI_HEADER_TYPE_MASK) != PCI_HEADER_BRIDGE)
		return -1;
	return b->secondary_bus;
}

static int vtd_pci_upstream(void *ctx, uint16_t segment, uint8_t bus)
{
	const struct pci_dev *b = pci_find_upstream(segment, bus);
	return b ? pci_dev_rid(b) : -1;
}

static int vtd_pci_header_type(void *ctx, uint16_t segment, uint16_t rid)
{
	const struct pci_dev *d = pci_find_rid(segment, rid);
	return d ? d->header_type & PCI_HEADER_TYPE_MASK : -1;
}

static int vtd_pci_base_class(void *ctx, uint16_t segment, uint16_t rid)
{
	const struct pci_dev *d = pci_find_rid(segment, rid);
	return d ? (int)(d->class_code >> 16) : -1;
}

void vtd_ir_scope_check(const struct acpi_platform *a, struct findings *f)
{
	if (!a || !a->has_dmar)
		return;
	const struct vtd_scope_pci pci = {vtd_pci_secondary, vtd_pci_upstream, 0};
	const struct vtd_scope_fn fn = {vtd_pci_header_type, vtd_pci_base_class, 0};
	vtd_scope_check(&a->dmar, &pci, &fn, f);
}

struct vtd_ir_domain *vtd_ir_domain_for_rid(uint16_t segment, uint16_t rid)
{
	if (!vtd_unit_count)
		return 0;
	const struct vtd_scope_pci pci = {vtd_pci_secondary, vtd_pci_upstream, 0};
	int i = vtd_drhd_for_rid(vtd_dmar, segment, rid, &pci);
	return i >= 0 && (unsigned)i < vtd_unit_count ? &vtd_units[i].domain : 0;
}

struct irq_domain *vtd_ir_domain_get(void)
{
	return vtd_unit_count ? &vtd_units[0].domain.domain : 0;
}

struct vtd_ir_domain *vtd_ir_domain_state(void)
{
	return vtd_unit_count ? &vtd_units[0].domain : 0;
}

const char *vtd_ir_absent_reason(void)
{
	return vtd_unit_count ? "" : vtd_ir_reason;
}

struct vtd_fault_domain *vtd_fault_domain_state(void)
{
	return vtd_unit_count && vtd_units[0].fault_up ? &vtd_units[0].fault : 0;
}

struct vtd_ir_domain *vtd_ir_unit_domain(unsigned i)
{
	return i < vtd_unit_count ? &vtd_units[i].domain : 0;
}

const struct acpi_dmar *vtd_ir_dmar(void)
{
	return vtd_unit_count ? vtd_dmar : 0;
}
