/* SPDX-License-Identifier: MIT */
/*
 * The I/O APIC as a bus domain "ioapic<id>" (docs/architecture.md, "The
 * interrupt domain stack"): its redirection entries are the message
 * storage. It sits on the remap domain of the DMAR unit whose IOAPIC scope
 * names it (the entries then hold remappable-format RTEs, VT-d §5.1.5.1, and
 * its interrupts carry the scope's source-id, which the IRTE verifies:
 * SVT = 1, VT-d §9.10), or on the vector domain when remapping is off
 * (compatibility-format RTEs: destination APIC ID and vector).
 *
 * irq_alloc's info.index is the GSI; one interrupt per call (a pin is one
 * line). The pin's trigger and polarity are set before (ioapic_domain_pin_cfg).
 * Interrupts start masked; irq_unmask opens the entry.
 */
#ifndef DOORBELL_IOAPIC_DOMAIN_H
#define DOORBELL_IOAPIC_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/ioapic/ioapic.h"
#include "drivers/ioapic/ioapic_rte.h"
#include "kernel/irq/irq_domain.h"

struct ioapic_pin {
	bool used;
	bool masked;
	struct ioapic_pin_cfg cfg;
	uint64_t rte;    /* the entry as last written (mask bit as `masked`) */
	uint32_t vector; /* the vector the entry names (EOI matching) */
	virq_t virq;
};

struct ioapic_domain {
	struct irq_domain domain;
	char name[16];
	struct ioapic io;
	bool remapped; /* the parent is a remap domain */
	uint16_t sid;  /* source-id of its interrupts (the DMAR IOAPIC scope) when remapped */
	unsigned write_errors;
	struct ioapic_pin pin[IOAPIC_MAX_PINS];
};

/*
 * Register d ("ioapic<io->id>", kind "bus") over parent. remapped: the parent
 * remaps, and sid is what the IRTEs verify. 0 or irq_domain_create's errno.
 */
int ioapic_domain_create(struct ioapic_domain *d, struct irq_domain *parent, bool remapped,
			 uint16_t sid);
/* How the line at gsi is wired: 0, -EINVAL (not this I/O APIC's), -EBUSY (allocated). */
int ioapic_domain_pin_cfg(struct ioapic_domain *d, uint32_t gsi, const struct ioapic_pin_cfg *cfg);
/* The allocation info for the line at gsi (ids.rid = the source-id when remapped). */
void ioapic_domain_alloc_info(const struct ioapic_domain *d, uint32_t gsi, irq_cpu_t cpu,
			      struct irq_alloc_info *info);
/* True when gsi belongs to this I/O APIC; *pin its entry. */
bool ioapic_domain_pin_of(const struct ioapic_domain *d, uint32_t gsi, unsigned *pin);
/*
 * End a level-triggered interrupt of gsi at the I/O APIC (clear its remote
 * IRR): the directed EOI register with the entry's vector on version 0x20
 * and later; otherwise the local APIC's EOI broadcast does it. 0, -EINVAL.
 */
int ioapic_domain_eoi(struct ioapic_domain *d, uint32_t gsi);

extern const struct irq_domain_ops ioapic_domain_ops;

#endif
