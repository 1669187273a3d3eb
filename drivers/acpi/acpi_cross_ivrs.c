/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_cross_ivrs.h"

#include <string.h>

#include "drivers/acpi/acpi_cross.h"

#define IR_OFF "then \"AMD-Vi: Disabling interrupt remapping\": no interrupt remapping"

static const struct finding_check cross_ivrs_ioapic_missing = {
	"ivrs.ioapic-not-in-ivrs",
	"\"AMD-Vi: [Firmware Bug]: IOAPIC[N] not in IVRS table\", " IR_OFF
	" (and on bare metal no x2APIC)",
	"ivrs_ioapic=<id>@<seg>:<bus>:<dev>.<fn> supplies the entry"};
static const struct finding_check cross_ivrs_no_sb_ioapic = {
	"ivrs.no-southbridge-ioapic",
	"\"AMD-Vi: [Firmware Bug]: No southbridge IOAPIC found\", " IR_OFF,
	"ivrs_ioapic=<id>@0000:00:14.0 names the southbridge I/O APIC"};
static const struct finding_check cross_ivrs_ioapic_unknown = {
	"ivrs.ioapic-handle-unknown", "the entry is added to the map and never looked up", 0};
static const struct finding_check cross_ivrs_hpet_missing = {
	"ivrs.hpet-not-in-ivrs",
	"no device ID for the HPET (get_hpet_devid fails): its MSIs get no remapping entry, "
	"so the HPET is not used for MSI clock events",
	"ivrs_hpet=<id>@<seg>:<bus>:<dev>.<fn> supplies the entry"};
static const struct finding_check cross_ivrs_x2apic_no_xt = {
	"ivrs.x2apic-no-xtsup",
	"remapping in xAPIC mode (amd_iommu_xt_mode stays IRQ_REMAP_XAPIC_MODE): on bare metal "
	"x2APIC off and CPUs with APIC IDs above 254 are not brought up",
	0};

void acpi_cross_ivrs_cover(const struct acpi_platform *p, struct acpi_ivrs_ioapic_cover *c)
{
	memset(c, 0, sizeof(*c));
	const struct acpi_madt *m = &p->madt;
	c->ioapics = m->ioapic_count;
	for (unsigned i = 0; i < m->ioapic_count; i++) {
		const struct acpi_ivrs_special *s =
			acpi_ivrs_special_find(&p->ivrs, ACPI_IVRS_SPECIAL_IOAPIC, m->ioapic[i].id);
		if (!s && !c->missing++)
			c->first_missing = m->ioapic[i].id;
		if (s && !s->segment && s->bdf == ACPI_IVRS_SB_IOAPIC_BDF)
			c->southbridge = true;
	}
}

static bool cross_ivrs_madt_has_ioapic(const struct acpi_madt *m, uint8_t id)
{
	for (unsigned i = 0; i < m->ioapic_count; i++)
		if (m->ioapic[i].id == id)
			return true;
	return false;
}

/* §5.2.2.3: an IOAPIC special entry's handle is the I/O APIC ID (ACPI §5.2.12.3). */
static void cross_ivrs_ioapics(const struct acpi_platform *p, struct findings *f)
{
	const struct acpi_madt *m = &p->madt;
	const struct acpi_ivrs *v = &p->ivrs;
	for (unsigned i = 0; i < m->ioapic_count; i++)
		if (!acpi_ivrs_special_find(v, ACPI_IVRS_SPECIAL_IOAPIC, m->ioapic[i].id))
			finding_add_check(f, &cross_ivrs_ioapic_missing, FINDING_ERROR, "APIC",
					  m->ioapic[i].offset,
					  "I/O APIC ID %u (at 0x%x, GSI %u) is named by no IVRS "
					  "IOAPIC special device entry (AMD IOMMU §5.2.2.3)",
					  m->ioapic[i].id, m->ioapic[i].address,
					  m->ioapic[i].gsi_base);
	struct acpi_ivrs_ioapic_cover c;
	acpi_cross_ivrs_cover(p, &c);
	if (m->ioapic_count && !c.southbridge)
		finding_add_check(f, &cross_ivrs_no_sb_ioapic, FINDING_ERROR, "IVRS",
				  FINDING_NO_OFFSET,
				  "no MADT I/O APIC maps to 0000:00:14.0, the southbridge I/O "
				  "APIC's requester ID that Linux expects");
	for (unsigned i = 0; i < v->special_count; i++) {
		const struct acpi_ivrs_special *s = &v->special[i];
		if (v->ivhd[s->ivhd].used && s->variety == ACPI_IVRS_SPECIAL_IOAPIC &&
		    !cross_ivrs_madt_has_ioapic(m, s->handle))
			finding_add_check(f, &cross_ivrs_ioapic_unknown, FINDING_INFO, "IVRS",
					  s->offset + 4,
					  "IOAPIC special device entry names I/O APIC ID %u, which "
					  "the MADT does not list",
					  s->handle);
	}
}

/* IA-PC HPET §3.2.4 (HPET number) against the HPET special entries' handles. */
static void cross_ivrs_hpet(const struct acpi_platform *p, struct findings *f)
{
	if (!acpi_ivrs_special_find(&p->ivrs, ACPI_IVRS_SPECIAL_HPET, p->hpet.number))
		finding_add_check(f, &cross_ivrs_hpet_missing, FINDING_WARNING, "HPET", 52,
				  "HPET number %u (at 0x%llx) is named by no IVRS HPET special "
				  "device entry (AMD IOMMU §5.2.2.3)",
				  p->hpet.number, (unsigned long long)p->hpet.base);
}

/* 32-bit destinations in remapped interrupts need EFR XTSup (AMD IOMMU §3.4.1). */
static void cross_ivrs_x2apic(const struct acpi_platform *p, struct findings *f)
{
	uint32_t max_id;
	unsigned high = acpi_cross_x2apic_cpus(&p->madt, &max_id);
	if (high && !acpi_ivrs_x2apic_mode(&p->ivrs))
		finding_add_check(
			f, &cross_ivrs_x2apic_no_xt, FINDING_WARNING, "IVRS", FINDING_NO_OFFSET,
			"%u CPUs have APIC IDs above 254 (highest %u) but not every IOMMU "
			"is an IVHD 11h/40h whose EFR image reports GASup and XTSup",
			high, max_id);
}

void acpi_cross_ivrs_check(const struct acpi_platform *p, struct findings *f)
{
	if (!p->has_ivrs || !p->ivrs.iommu_count || p->ivrs.overflow)
		return;
	if (p->has_madt && !p->madt.overflow) {
		cross_ivrs_ioapics(p, f);
		if (!p->has_dmar)
			cross_ivrs_x2apic(p, f);
	}
	if (p->has_hpet)
		cross_ivrs_hpet(p, f);
}
