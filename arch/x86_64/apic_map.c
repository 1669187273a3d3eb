/* SPDX-License-Identifier: MIT */
#include "arch/x86_64/apic_map.h"

#include "kernel/errno.h"

void x86_apic_map_init(struct x86_apic_map *m)
{
	for (unsigned i = 0; i < IRQ_MAX_CPUS; i++)
		m->apic_id[i] = X86_APIC_ID_NONE;
	m->count = 0;
}

int x86_apic_map_add(struct x86_apic_map *m, uint32_t apic_id)
{
	if (x86_apic_map_index(m, apic_id) >= 0)
		return -EEXIST;
	if (m->count >= IRQ_MAX_CPUS || apic_id == X86_APIC_ID_NONE)
		return m->count >= IRQ_MAX_CPUS ? -ENOSPC : -EINVAL;
	m->apic_id[m->count] = apic_id;
	return (int)m->count++;
}

int x86_apic_map_index(const struct x86_apic_map *m, uint32_t apic_id)
{
	for (unsigned i = 0; i < m->count; i++)
		if (m->apic_id[i] == apic_id)
			return (int)i;
	return -ENOENT;
}

uint32_t x86_apic_map_id(const struct x86_apic_map *m, unsigned index)
{
	return index < m->count ? m->apic_id[index] : X86_APIC_ID_NONE;
}

static bool madt_cpus_has(const uint32_t *ids, unsigned n, unsigned max, uint32_t id)
{
	for (unsigned i = 0; i < n && i < max; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static unsigned madt_cpus_add(uint32_t *ids, unsigned n, unsigned max, uint32_t id)
{
	if (madt_cpus_has(ids, n, max, id))
		return n;
	if (n < max)
		ids[n] = id;
	return n + 1;
}

unsigned x86_madt_cpus(const struct acpi_madt *madt, uint32_t boot_id, uint32_t *ids, unsigned max)
{
	unsigned n = 0;
	bool boot_listed = false;
	for (unsigned i = 0; i < madt->lapic_count; i++)
		boot_listed |= (madt->lapic[i].flags & ACPI_MADT_CPU_ENABLED) &&
			       madt->lapic[i].apic_id == boot_id;
	for (unsigned i = 0; i < madt->x2apic_count; i++)
		boot_listed |= (madt->x2apic[i].flags & ACPI_MADT_CPU_ENABLED) &&
			       madt->x2apic[i].apic_id == boot_id;
	if (boot_listed)
		n = madt_cpus_add(ids, n, max, boot_id);
	/* Local APIC entries with ID 0xFF are placeholders (ACPI 6.5 §5.2.12.12). */
	for (unsigned i = 0; i < madt->lapic_count; i++)
		if ((madt->lapic[i].flags & ACPI_MADT_CPU_ENABLED) &&
		    madt->lapic[i].apic_id != 0xff)
			n = madt_cpus_add(ids, n, max, madt->lapic[i].apic_id);
	for (unsigned i = 0; i < madt->x2apic_count; i++)
		if (madt->x2apic[i].flags & ACPI_MADT_CPU_ENABLED)
			n = madt_cpus_add(ids, n, max, madt->x2apic[i].apic_id);
	return n;
}
