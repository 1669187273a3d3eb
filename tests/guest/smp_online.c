/* SPDX-License-Identifier: MIT */
/*
 * smp.online: every enabled CPU of the MADT is online, in MADT order, each
 * with its hardware ID (x86 APIC ID; arm64 GICC MPIDR affinity).
 */
#include "arch/hooks.h"
#include "drivers/acpi/acpi_madt.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_types.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/platform.h"
#include "kernel/test/dtest.h"

#define SMP_CALL_US 100000

struct smp_whoami {
	unsigned index;
	uint64_t hw_id;
};

static void smp_whoami(void *arg)
{
	struct smp_whoami *w = arg;
	w->index = arch_cpu_current();
	w->hw_id = arch_cpu_hw_id();
}

#define SMP_MPIDR_AFF 0xff00ffffffull /* Aff3..Aff0 */

static bool smp_ids_has(const uint64_t *ids, unsigned n, uint64_t id)
{
	for (unsigned i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/*
 * Enabled CPUs of the MADT: the boot CPU first, then MADT order (Local
 * APIC, then x2APIC, then GICC).
 */
static unsigned smp_expected_ids(const struct acpi_madt *m, uint64_t boot, uint64_t *ids)
{
	unsigned n = 0;
	bool boot_listed = false;
	for (unsigned i = 0; i < m->lapic_count; i++)
		boot_listed |=
			(m->lapic[i].flags & ACPI_MADT_CPU_ENABLED) && m->lapic[i].apic_id == boot;
	for (unsigned i = 0; i < m->x2apic_count; i++)
		boot_listed |= (m->x2apic[i].flags & ACPI_MADT_CPU_ENABLED) &&
			       m->x2apic[i].apic_id == boot;
	for (unsigned i = 0; i < m->gicc_count; i++)
		boot_listed |= (m->gicc[i].flags & ACPI_MADT_CPU_ENABLED) &&
			       (m->gicc[i].mpidr & SMP_MPIDR_AFF) == boot;
	if (boot_listed)
		ids[n++] = boot;
	for (unsigned i = 0; i < m->lapic_count && n < IRQ_MAX_CPUS; i++) {
		const struct acpi_madt_lapic *l = &m->lapic[i];
		if ((l->flags & ACPI_MADT_CPU_ENABLED) && l->apic_id != 0xff &&
		    !smp_ids_has(ids, n, l->apic_id))
			ids[n++] = l->apic_id;
	}
	for (unsigned i = 0; i < m->x2apic_count && n < IRQ_MAX_CPUS; i++) {
		const struct acpi_madt_lapic *l = &m->x2apic[i];
		if ((l->flags & ACPI_MADT_CPU_ENABLED) && !smp_ids_has(ids, n, l->apic_id))
			ids[n++] = l->apic_id;
	}
	for (unsigned i = 0; i < m->gicc_count && n < IRQ_MAX_CPUS; i++) {
		const struct acpi_madt_gicc *c = &m->gicc[i];
		if ((c->flags & ACPI_MADT_CPU_ENABLED) &&
		    !smp_ids_has(ids, n, c->mpidr & SMP_MPIDR_AFF))
			ids[n++] = c->mpidr & SMP_MPIDR_AFF;
	}
	return n;
}

DTEST(smp_online, .name = "smp.online",
      .summary = "every enabled MADT CPU is online, in MADT order, with the MADT's hardware ID",
      .needs = DTEST_NEED_ACPI, .deadline_ms = 5000)
{
	const struct acpi_table *tab = acpi_table_find(&platform_get()->acpi, "APIC", 0);
	if (!tab)
		return dtest_skip(t, "no MADT");
	unsigned pages = (sizeof(struct acpi_madt) + PAGE_SIZE - 1) / PAGE_SIZE;
	struct acpi_madt *m = (struct acpi_madt *)(uintptr_t)page_alloc(pages);
	if (!m)
		return dtest_error(t, "no memory for the MADT");
	int err = acpi_madt_parse(tab->data, tab->length, m, 0);
	if (!DT_EXPECT(t, err == 0, "MADT parse: %d", err)) {
		page_free((paddr_t)(uintptr_t)m, pages);
		return;
	}
	uint64_t ids[IRQ_MAX_CPUS];
	uint64_t boot = arch_cpu_hw_id();
	unsigned n = smp_expected_ids(m, boot, ids);
	page_free((paddr_t)(uintptr_t)m, pages);

	DT_EXPECT(t, n > 0 && ids[0] == boot,
		  "the boot CPU's hardware ID 0x%llx is not an enabled MADT CPU",
		  (unsigned long long)boot);
	DT_EXPECT(t, arch_cpu_count() == n, "%u CPUs online, the MADT lists %u enabled",
		  arch_cpu_count(), n);
	DT_EXPECT_EQ(t, arch_cpu_current(), 0);
	for (unsigned cpu = 0; cpu < arch_cpu_count() && cpu < n; cpu++) {
		struct smp_whoami w = {.index = ~0u, .hw_id = ~0ull};
		err = arch_cpu_call(cpu, smp_whoami, &w, SMP_CALL_US);
		if (!DT_EXPECT(t, err == 0, "call on CPU %u: %d", cpu, err))
			continue;
		DT_EXPECT(t, w.index == cpu, "a call on CPU %u ran on CPU %u", cpu, w.index);
		DT_EXPECT(t, w.hw_id == ids[cpu],
			  "CPU %u reads hardware ID 0x%llx, the MADT lists 0x%llx in that place",
			  cpu, (unsigned long long)w.hw_id, (unsigned long long)ids[cpu]);
	}
}
