/* SPDX-License-Identifier: MIT */
/*
 * Logical CPU index <-> APIC ID, and the CPUs the MADT says to start
 * (ACPI 6.5 §5.2.12.2 and §5.2.12.12: enabled Processor Local APIC and
 * x2APIC entries). Pure logic: also built for the host tests.
 */
#ifndef DOORBELL_X86_APIC_MAP_H
#define DOORBELL_X86_APIC_MAP_H

#include <stdint.h>

#include "drivers/acpi/acpi_madt.h"
#include "kernel/irq/irq_types.h"

#define X86_APIC_ID_NONE 0xffffffffu

struct x86_apic_map {
	uint32_t apic_id[IRQ_MAX_CPUS]; /* by logical index */
	unsigned count;
};

void x86_apic_map_init(struct x86_apic_map *m);
/* Next logical index for apic_id: the index, -EEXIST (mapped already), -ENOSPC (full). */
int x86_apic_map_add(struct x86_apic_map *m, uint32_t apic_id);
/* Logical index of apic_id, or -ENOENT. */
int x86_apic_map_index(const struct x86_apic_map *m, uint32_t apic_id);
/* APIC ID of logical index, or X86_APIC_ID_NONE. */
uint32_t x86_apic_map_id(const struct x86_apic_map *m, unsigned index);

/*
 * APIC IDs of the enabled CPUs in the MADT: boot_id first (when listed),
 * then the others in MADT order (Local APIC entries, then x2APIC entries),
 * each ID once. Stores up to max and returns how many there are in total.
 */
unsigned x86_madt_cpus(const struct acpi_madt *madt, uint32_t boot_id, uint32_t *ids, unsigned max);

#endif
