/* SPDX-License-Identifier: MIT */
/*
 * The remap domain of an interrupt source that is not a PCI function: the
 * I/O APIC with a given ID, the HPET with a given number. Its unit and
 * source-id come from the DMAR IOAPIC or HPET device scope
 * (vtd_scope_special.h). Without such a scope its interrupts are not
 * remapped at all: Linux then turns remapping off for an I/O APIC and
 * refuses the HPET's MSIs; doorbell refuses the source, with the reason.
 */
#ifndef DOORBELL_VTD_IR_SPECIAL_H
#define DOORBELL_VTD_IR_SPECIAL_H

#include <stdint.h>

#include "kernel/irq/irq_domain.h"

/*
 * The remap domain for the source of DMAR scope type `type` (3 IOAPIC, 4
 * HPET) and enumeration id `id`, and *sid its source-id: NULL with *why ""
 * when remapping is off, NULL with *why set (static storage) when no scope
 * names it or its path does not resolve.
 */
struct irq_domain *vtd_ir_special_domain(uint8_t type, uint8_t id, uint16_t *sid, const char **why);

#endif
