/* SPDX-License-Identifier: MIT */
/*
 * --diff of the MADT (ACPI 6.5 §5.2.12): CPUs by APIC id or MPIDR, I/O
 * APICs by id, interrupt source overrides, GIC distributor, redistributors
 * and ITSs.
 */
#include <inttypes.h>
#include <stdio.h>

#include "tools/doorbell-acpi/acpi_diff.h"

static const char *cpu_state(uint32_t flags)
{
	if (flags & ACPI_MADT_CPU_ENABLED)
		return "enabled";
	return flags & ACPI_MADT_CPU_ONLINE_CAPABLE ? "online-capable" : "disabled";
}

static void cpu_items(const struct acpi_madt_lapic *c, unsigned count, const char *kind,
		      struct diff_items *l)
{
	char key[DIFF_KEY_LEN];
	for (unsigned i = 0; i < count; i++) {
		snprintf(key, sizeof(key), "CPU %s id %u", kind, c[i].apic_id);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "uid %u %s", c[i].uid, cpu_state(c[i].flags));
	}
}

static void gic_items(const struct acpi_madt *m, struct diff_items *l)
{
	char key[DIFF_KEY_LEN];
	for (unsigned i = 0; i < m->gicc_count; i++) {
		snprintf(key, sizeof(key), "GICC mpidr 0x%" PRIx64, m->gicc[i].mpidr);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "uid %u %s", m->gicc[i].uid, cpu_state(m->gicc[i].flags));
	}
	for (unsigned i = 0; i < m->gicd_count; i++) {
		snprintf(key, sizeof(key), "GICD@0x%" PRIx64, m->gicd[i].base);
		diff_item(l, -1, key, "GICv%u", m->gicd[i].version);
	}
	for (unsigned i = 0; i < m->gicr_count; i++) {
		snprintf(key, sizeof(key), "GICR@0x%" PRIx64, m->gicr[i].base);
		diff_item(l, -1, key, "length 0x%x", m->gicr[i].length);
	}
	for (unsigned i = 0; i < m->its_count; i++) {
		snprintf(key, sizeof(key), "ITS id %u", m->its[i].its_id);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "0x%" PRIx64, m->its[i].base);
	}
}

void diff_madt_items(const struct acpi_platform *p, const struct acpi_platform *other, bool is_new,
		     struct diff_items *l)
{
	const struct acpi_madt *m = &p->madt;
	char key[DIFF_KEY_LEN];
	diff_item(l, -1, "PCAT_COMPAT", "%s",
		  m->flags & ACPI_MADT_PCAT_COMPAT ? "set (8259 PICs present)" : "clear");
	diff_item(l, -1, "local APIC address", "0x%" PRIx64,
		  m->lapic_override ? m->lapic_override : m->lapic_address);
	cpu_items(m->lapic, m->lapic_count, "APIC", l);
	cpu_items(m->x2apic, m->x2apic_count, "x2APIC", l);
	for (unsigned i = 0; i < m->ioapic_count; i++) {
		snprintf(key, sizeof(key), "I/O APIC id %u", m->ioapic[i].id);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "0x%x GSI base %u", m->ioapic[i].address,
			  m->ioapic[i].gsi_base);
	}
	for (unsigned i = 0; i < m->iso_count; i++) {
		snprintf(key, sizeof(key), "override bus %u irq %u", m->iso[i].bus,
			 m->iso[i].source);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "GSI %u flags 0x%x", m->iso[i].gsi, m->iso[i].flags);
	}
	gic_items(m, l);
}
