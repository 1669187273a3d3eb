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

static bool madt_cpu_enabled(const struct acpi_madt_lapic *l, bool x2)
{
	/* Local APIC entries with ID 0xFF are placeholders (ACPI 6.5 §5.2.12.12). */
	return (l->flags & ACPI_MADT_CPU_ENABLED) && (x2 || l->apic_id != 0xff);
}

/* Entry k of the walk (Local APIC entries, then x2APIC entries). */
static const struct acpi_madt_lapic *madt_cpu_entry(const struct acpi_madt *m, unsigned k, bool *x2)
{
	*x2 = k >= m->lapic_count;
	return *x2 ? &m->x2apic[k - m->lapic_count] : &m->lapic[k];
}

/* An enabled entry before k (in the walk) already named id. */
static bool madt_cpu_seen(const struct acpi_madt *m, unsigned k, uint32_t id)
{
	for (unsigned j = 0; j < k; j++) {
		bool x2;
		const struct acpi_madt_lapic *l = madt_cpu_entry(m, j, &x2);
		if (madt_cpu_enabled(l, x2) && l->apic_id == id)
			return true;
	}
	return false;
}

unsigned x86_madt_cpus(const struct acpi_madt *madt, uint32_t boot_id, uint32_t *ids, unsigned max)
{
	unsigned total = madt->lapic_count + madt->x2apic_count, n = 0;
	bool boot_listed = false;
	for (unsigned k = 0; k < total; k++) {
		bool x2;
		const struct acpi_madt_lapic *l = madt_cpu_entry(madt, k, &x2);
		boot_listed |= madt_cpu_enabled(l, x2) && l->apic_id == boot_id;
	}
	if (boot_listed) {
		if (n < max)
			ids[n] = boot_id;
		n++;
	}
	for (unsigned k = 0; k < total; k++) {
		bool x2;
		const struct acpi_madt_lapic *l = madt_cpu_entry(madt, k, &x2);
		if (!madt_cpu_enabled(l, x2) || (boot_listed && l->apic_id == boot_id) ||
		    madt_cpu_seen(madt, k, l->apic_id))
			continue;
		if (n < max)
			ids[n] = l->apic_id;
		n++;
	}
	return n;
}
