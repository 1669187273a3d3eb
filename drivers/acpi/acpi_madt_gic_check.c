/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_madt_gic_check.h"

static const struct finding_check gic_its_id_duplicate = {
	"madt.gic-its-id-duplicate",
	"each GIC ITS structure registers an MSI domain under its ID "
	"(iort_register_domain_token); IORT lookups find the first, so devices never reach the "
	"other ITS",
	0};
static const struct finding_check gicr_overlap = {
	"madt.gicr-overlap",
	"each GICR range is mapped and walked on its own (gic_acpi_parse_madt_redist); the "
	"overlap is not detected and the redistributors in it are found twice",
	0};
static const struct finding_check gicc_gicr_outside = {
	"madt.gicc-gicr-outside",
	"with GICR structures present the GICC GICR base address is not read; the GICR ranges "
	"decide",
	0};
static const struct finding_check gicc_mpidr_duplicate = {
	"madt.gicc-mpidr-duplicate",
	"\"duplicate CPU MPIDR 0x... in MADT\" (acpi_map_gic_cpu_interface): the later GICC is "
	"skipped, that CPU is not brought up",
	0};
static const struct finding_check gicc_uid_duplicate = {
	"madt.gicc-uid-duplicate",
	"the ACPI processor UID is looked up by the first GICC that has it (acpi_map_cpuid): the "
	"later CPU's processor object resolves to the wrong CPU",
	0};

#define GICC_USABLE (ACPI_MADT_CPU_ENABLED | ACPI_MADT_CPU_ONLINE_CAPABLE)
#define MPIDR_AFF   0xff00ffffffull /* Aff3, Aff2, Aff1, Aff0 (ACPI 6.5 §5.2.12.14) */

/* ACPI 6.5 §5.2.12.18: the GIC ITS ID identifies the ITS to the IORT; each is unique. */
static void gic_its_ids(const struct acpi_madt *m, struct findings *f)
{
	for (unsigned i = 0; i < m->its_count; i++)
		for (unsigned k = 0; k < i; k++)
			if (m->its[k].its_id == m->its[i].its_id) {
				finding_add_check(
					f, &gic_its_id_duplicate, FINDING_ERROR, "APIC",
					m->its[i].offset + 4,
					"GIC ITS ID %u (base 0x%llx) is also the ID of the ITS at "
					"0x%llx: GIC ITS IDs must be unique (ACPI 6.5 §5.2.12.18)",
					m->its[i].its_id, (unsigned long long)m->its[i].base,
					(unsigned long long)m->its[k].base);
				break;
			}
}

static bool gic_range_has(const struct acpi_madt_gicr *r, uint64_t addr)
{
	return addr >= r->base && addr - r->base < r->length;
}

/* ACPI 6.5 §5.2.12.17 (GICR structure: a discovery range) against §5.2.12.14 (GICC GICR base). */
static void gic_gicr(const struct acpi_madt *m, struct findings *f)
{
	for (unsigned i = 0; i < m->gicr_count; i++)
		for (unsigned k = 0; k < i; k++) {
			const struct acpi_madt_gicr *a = &m->gicr[k], *b = &m->gicr[i];
			if (!a->length || !b->length)
				continue;
			if (gic_range_has(a, b->base) || gic_range_has(b, a->base))
				finding_add_check(f, &gicr_overlap, FINDING_ERROR, "APIC",
						  b->offset + 4,
						  "GICR range 0x%llx+0x%x overlaps the range "
						  "0x%llx+0x%x (ACPI 6.5 §5.2.12.17)",
						  (unsigned long long)b->base, b->length,
						  (unsigned long long)a->base, a->length);
		}
	if (!m->gicr_count)
		return;
	for (unsigned i = 0; i < m->gicc_count; i++) {
		const struct acpi_madt_gicc *g = &m->gicc[i];
		if (!g->gicr_base || !(g->flags & GICC_USABLE))
			continue;
		bool inside = false;
		for (unsigned k = 0; k < m->gicr_count && !inside; k++)
			inside = gic_range_has(&m->gicr[k], g->gicr_base);
		if (!inside)
			finding_add_check(
				f, &gicc_gicr_outside, FINDING_WARNING, "APIC", g->offset + 60,
				"GICC (UID %u, MPIDR 0x%llx) GICR base address 0x%llx lies in no "
				"GICR range (ACPI 6.5 §5.2.12.14, §5.2.12.17)",
				g->uid, (unsigned long long)g->mpidr,
				(unsigned long long)g->gicr_base);
	}
}

/* ACPI 6.5 §5.2.12.14: MPIDR identifies a CPU; the ACPI processor UID matches its _UID. */
static void gic_cpus(const struct acpi_madt *m, struct findings *f)
{
	for (unsigned i = 0; i < m->gicc_count; i++) {
		const struct acpi_madt_gicc *g = &m->gicc[i];
		bool usable = g->flags & GICC_USABLE;
		bool mpidr_seen = false, uid_seen = false;
		for (unsigned k = 0; k < i; k++) {
			const struct acpi_madt_gicc *h = &m->gicc[k];
			if (usable && !mpidr_seen && (h->flags & GICC_USABLE) &&
			    (h->mpidr & MPIDR_AFF) == (g->mpidr & MPIDR_AFF)) {
				mpidr_seen = true;
				finding_add_check(f, &gicc_mpidr_duplicate, FINDING_ERROR, "APIC",
						  g->offset + 68,
						  "GICC (UID %u) MPIDR 0x%llx is also the MPIDR of "
						  "the GICC with UID %u (ACPI 6.5 §5.2.12.14)",
						  g->uid, (unsigned long long)g->mpidr, h->uid);
			}
			if (!uid_seen && h->uid == g->uid) {
				uid_seen = true;
				finding_add_check(
					f, &gicc_uid_duplicate, FINDING_ERROR, "APIC",
					g->offset + 8,
					"GICC (MPIDR 0x%llx) ACPI processor UID %u is also "
					"the UID of the GICC with MPIDR 0x%llx (ACPI 6.5 "
					"§5.2.12.14)",
					(unsigned long long)g->mpidr, g->uid,
					(unsigned long long)h->mpidr);
			}
		}
	}
}

void acpi_madt_gic_check(const struct acpi_madt *m, struct findings *f)
{
	gic_its_ids(m, f);
	gic_gicr(m, f);
	gic_cpus(m, f);
}
