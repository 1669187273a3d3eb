/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_cross.h"

#include "drivers/acpi/acpi_cross_ivrs.h"
#include "drivers/acpi/acpi_dmar.h"
#include "drivers/acpi/acpi_iort_cross.h"
#include "drivers/acpi/acpi_madt.h"
#include "drivers/acpi/acpi_madt_gic_check.h"

#include <stdio.h>

#define DMAR_FLAGS_OFFSET 37u /* VT-d §8.1 */

static const struct finding_check cross_ioapic_not_in_scope = {
	"dmar.ioapic-not-in-scope",
	"\"DMAR-IR: [Firmware Bug]: ioapic N has no mapping iommu, interrupt remapping will be "
	"disabled\", then \"DMAR-IR: Not enabling interrupt remapping\": no interrupt "
	"remapping, and on bare metal no x2APIC (\"x2apic: IRQ remapping doesn't support X2APIC "
	"mode\")",
	"none on VT-d (the scope must be added by the firmware); intremap=off states the "
	"fallback"};
static const struct finding_check cross_ioapic_scope_unknown = {
	"dmar.ioapic-scope-unknown",
	"\"DMAR-IR: IOAPIC id N under DRHD base ...\"; the scope is never used", 0};
static const struct finding_check cross_hpet_not_in_scope = {
	"dmar.hpet-not-in-scope",
	"no \"DMAR-IR: HPET id N under DRHD base\" line: the HPET's MSIs find no remapping unit "
	"and are not remapped",
	0};
static const struct finding_check cross_x2apic_no_ir = {
	"x2apic.no-intremap",
	"bare metal: \"x2apic: IRQ remapping doesn't support X2APIC mode\", x2APIC off, CPUs with "
	"APIC IDs above 254 are not brought up (if the firmware left x2APIC on with such a boot "
	"CPU: panic \"Cannot disable x2apic\"); a guest whose hypervisor offers x2APIC keeps "
	"IDs up to 255, or 32767 with the extended destination ID",
	0};
static const struct finding_check cross_x2apic_opt_out_cpus = {
	"x2apic.opt-out-loses-cpus",
	"\"DMAR-IR: x2apic is disabled because BIOS sets x2apic opt out bit.\" and \"DMAR-IR: Use "
	"'intremap=no_x2apic_optout' to override the BIOS setting.\": remapping in xAPIC mode, "
	"x2APIC off, CPUs with APIC IDs above 254 are not brought up",
	"intremap=no_x2apic_optout"};
static const struct finding_check cross_x2apic_needs_eim = {
	"x2apic.needs-eim",
	"x2APIC with remapping in x2APIC mode only when every unit reports ECAP.EIM; a unit "
	"without it: \"DMAR-IR: ... does not support EIM\", remapping in xAPIC mode, x2APIC off",
	0};
static const struct finding_check cross_opt_out_without_ir = {
	"dmar.x2apic-opt-out-without-ir",
	"not read without remapping; x2APIC follows the no-remapping rule", 0};

unsigned acpi_cross_x2apic_cpus(const struct acpi_madt *m, uint32_t *max_id)
{
	unsigned n = 0;
	uint32_t max = 0;
	const struct acpi_madt_lapic *lists[2] = {m->lapic, m->x2apic};
	unsigned counts[2] = {m->lapic_count, m->x2apic_count};
	for (unsigned k = 0; k < 2; k++)
		for (unsigned i = 0; i < counts[k]; i++) {
			const struct acpi_madt_lapic *c = &lists[k][i];
			/* ACPI 6.5 §5.2.12.2: neither flag set means the CPU is not usable. */
			if (!(c->flags & (ACPI_MADT_CPU_ENABLED | ACPI_MADT_CPU_ONLINE_CAPABLE)))
				continue;
			if (c->apic_id > max)
				max = c->apic_id;
			if (c->apic_id > ACPI_CROSS_XAPIC_MAX_ID)
				n++;
		}
	if (max_id)
		*max_id = max;
	return n;
}

/* The DRHD whose device scope (of type) names id, or NULL (VT-d §8.3.1). */
static const struct acpi_dmar_scope *cross_drhd_scope(const struct acpi_dmar *d, uint8_t type,
						      uint8_t id)
{
	for (unsigned i = 0; i < d->scope_count; i++) {
		const struct acpi_dmar_scope *s = &d->scope[i];
		if (s->owner_type == ACPI_DMAR_TYPE_DRHD && s->type == type &&
		    s->enumeration_id == id)
			return s;
	}
	return 0;
}

static bool cross_madt_has_ioapic(const struct acpi_madt *m, uint8_t id)
{
	for (unsigned i = 0; i < m->ioapic_count; i++)
		if (m->ioapic[i].id == id)
			return true;
	return false;
}

/* The first DRHD IOAPIC scope naming an I/O APIC the MADT does not list, or -1. */
static int cross_unknown_ioapic_scope(const struct acpi_dmar *d, const struct acpi_madt *m)
{
	for (unsigned i = 0; i < d->scope_count; i++) {
		const struct acpi_dmar_scope *s = &d->scope[i];
		if (s->owner_type == ACPI_DMAR_TYPE_DRHD && s->type == ACPI_DMAR_SCOPE_IOAPIC &&
		    !cross_madt_has_ioapic(m, s->enumeration_id))
			return (int)i;
	}
	return -1;
}

/*
 * VT-d §8.3.1 (IOAPIC scope: enumeration ID = I/O APIC ID; the scope is how
 * software finds the unit that remaps an I/O APIC's interrupts): with
 * INTR_REMAP, each MADT I/O APIC (ACPI 6.5 §5.2.12.3) must be under a DRHD.
 */
static void cross_ioapics(const struct acpi_platform *p, struct findings *f)
{
	const struct acpi_dmar *d = &p->dmar;
	const struct acpi_madt *m = &p->madt;
	if (d->overflow || m->overflow)
		return;
	if (d->flags & ACPI_DMAR_INTR_REMAP)
		for (unsigned i = 0; i < m->ioapic_count; i++) {
			if (cross_drhd_scope(d, ACPI_DMAR_SCOPE_IOAPIC, m->ioapic[i].id))
				continue;
			/* Name the scope that is wrong: an IOAPIC scope whose ID no I/O APIC has. */
			int wrong = cross_unknown_ioapic_scope(d, m);
			char why[96] = "";
			if (wrong >= 0)
				snprintf(why, sizeof(why),
					 "; the IOAPIC scope at DMAR offset 0x%x names ID %u "
					 "instead",
					 d->scope[wrong].offset, d->scope[wrong].enumeration_id);
			finding_add_check(
				f, &cross_ioapic_not_in_scope, FINDING_ERROR, "APIC",
				m->ioapic[i].offset,
				"I/O APIC ID %u (at 0x%x, GSI %u) is under no DMAR IOAPIC "
				"device scope while the DMAR sets INTR_REMAP (VT-d §8.3.1, "
				"ACPI §5.2.12.3)%s",
				m->ioapic[i].id, m->ioapic[i].address, m->ioapic[i].gsi_base, why);
		}
	for (unsigned i = 0; i < d->scope_count; i++) {
		const struct acpi_dmar_scope *s = &d->scope[i];
		if (s->owner_type == ACPI_DMAR_TYPE_DRHD && s->type == ACPI_DMAR_SCOPE_IOAPIC &&
		    !cross_madt_has_ioapic(m, s->enumeration_id))
			finding_add_check(
				f, &cross_ioapic_scope_unknown, FINDING_INFO, "DMAR", s->offset + 4,
				"IOAPIC device scope names I/O APIC ID %u, which the MADT "
				"does not list (VT-d §8.3.1)",
				s->enumeration_id);
	}
}

/* IA-PC HPET §3.2.4 (HPET number) against VT-d §8.3.1 (HPET scope: enumeration ID). */
static void cross_hpet(const struct acpi_platform *p, struct findings *f)
{
	const struct acpi_dmar *d = &p->dmar;
	if (d->overflow || !(d->flags & ACPI_DMAR_INTR_REMAP))
		return;
	if (!cross_drhd_scope(d, ACPI_DMAR_SCOPE_HPET, p->hpet.number))
		finding_add_check(
			f, &cross_hpet_not_in_scope, FINDING_INFO, "HPET", 52,
			"HPET number %u (at 0x%llx) is under no DMAR HPET device scope while "
			"the DMAR sets INTR_REMAP (VT-d §8.3.1)",
			p->hpet.number, (unsigned long long)p->hpet.base);
}

/*
 * x2APIC (Intel SDM vol. 3A, x2APIC): APIC IDs above 254 need x2APIC, which
 * interrupts reach only through remapping in x2APIC mode (ECAP.EIM); VT-d
 * §8.1: X2APIC_OPT_OUT asks software not to, and is valid only with
 * INTR_REMAP.
 */
static void cross_x2apic(const struct acpi_platform *p, struct findings *f)
{
	bool ir = p->has_dmar && (p->dmar.flags & ACPI_DMAR_INTR_REMAP);
	bool opt_out = p->has_dmar && (p->dmar.flags & ACPI_DMAR_X2APIC_OPT_OUT);
	if (p->has_dmar && opt_out && !ir)
		finding_add_check(
			f, &cross_opt_out_without_ir, FINDING_INFO, "DMAR", DMAR_FLAGS_OFFSET,
			"X2APIC_OPT_OUT is set without INTR_REMAP: the flag is valid only "
			"with INTR_REMAP (VT-d §8.1)");
	if (!p->has_madt)
		return;
	uint32_t max_id;
	unsigned high = acpi_cross_x2apic_cpus(&p->madt, &max_id);
	if (!high)
		return;
	/* Without a DMAR, an IVRS (AMD) may provide remapping; only a complete set says none. */
	bool no_ir = p->has_dmar ? !ir : (!p->has_ivrs && p->tables_complete);
	if (no_ir)
		finding_add_check(f, &cross_x2apic_no_ir, FINDING_WARNING, "APIC",
				  FINDING_NO_OFFSET,
				  "%u CPUs have APIC IDs above 254 (highest %u) but %s: they need "
				  "x2APIC, and x2APIC needs interrupt remapping (VT-d §8.1)",
				  high, max_id,
				  p->has_dmar ? "the DMAR does not set INTR_REMAP"
					      : "there is no DMAR or IVRS");
	else if (ir && opt_out)
		finding_add_check(f, &cross_x2apic_opt_out_cpus, FINDING_WARNING, "DMAR",
				  DMAR_FLAGS_OFFSET,
				  "X2APIC_OPT_OUT is set while %u CPUs have APIC IDs above 254 "
				  "(highest %u): an OS that honours it cannot use them (VT-d §8.1)",
				  high, max_id);
	else if (ir)
		finding_add_check(
			f, &cross_x2apic_needs_eim, FINDING_INFO, "DMAR", DMAR_FLAGS_OFFSET,
			"%u CPUs have APIC IDs above 254 (highest %u): every unit must "
			"report ECAP.EIM (VT-d 3.x §11.4.3), a register: the guest reads it",
			high, max_id);
}

void acpi_cross_check(const struct acpi_platform *p, struct findings *f)
{
	if (p->has_dmar && p->has_madt)
		cross_ioapics(p, f);
	if (p->has_dmar && p->has_hpet)
		cross_hpet(p, f);
	cross_x2apic(p, f);
	acpi_cross_ivrs_check(p, f);
	acpi_iort_cross_check(p, f);
	if (p->has_madt)
		acpi_madt_gic_check(&p->madt, f);
}
