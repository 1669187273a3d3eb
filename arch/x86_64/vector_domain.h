/* SPDX-License-Identifier: MIT */
/*
 * The x86 vector domain: the bottom of the interrupt stack (docs/architecture.md,
 * "The interrupt domain stack").
 * Each interrupt gets a (CPU, vector) pair from a per-CPU irq_matrix over
 * the device range 0x20..0xEF; the same vector is a different interrupt on
 * each CPU (SDM Vol. 3A §6.2, §10.5.1), so the reverse map is per CPU. It
 * composes compatibility-format MSI messages (x86_msi.h) when nothing sits
 * between it and the bus. Pure logic (no hardware access): the host tests
 * build it too.
 */
#ifndef DOORBELL_X86_VECTOR_DOMAIN_H
#define DOORBELL_X86_VECTOR_DOMAIN_H

#include <stdbool.h>

#include "arch/x86_64/apic_map.h"
#include "kernel/irq/irq_domain.h"
#include "kernel/irq/irq_matrix.h"

#define X86_VECTOR_FIRST 0x20u
#define X86_VECTOR_END   0xf0u /* 0xF0..0xFF: the arch's own (lapic.h) */

struct x86_vector_irq {
	irq_cpu_t old_cpu; /* while a move is staged */
	uint32_t old_vec;
	bool staged;
};

struct x86_vector_domain {
	struct irq_domain domain;
	struct irq_matrix matrix;
	const struct x86_apic_map *map; /* logical index -> APIC ID for compose */
	bool ext_dest_id;               /* KVM_FEATURE_MSI_EXT_DEST_ID advertised */
	virq_t revmap[IRQ_MAX_CPUS * X86_VECTOR_END];
	struct x86_vector_irq irq[IRQ_NR_VIRQS];
};

/*
 * Register vd as the bottom domain "vector" (after irq_cpu_set_ops). map
 * must outlive it. 0 or the errno of irq_domain_create.
 */
int x86_vector_domain_create(struct x86_vector_domain *vd, const struct x86_apic_map *map,
			     bool ext_dest_id);

extern const struct irq_domain_ops x86_vector_domain_ops;

#endif
