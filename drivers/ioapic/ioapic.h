/* SPDX-License-Identifier: MIT */
/*
 * One I/O APIC's registers (82093AA datasheet §3.0; ICH/PCH I/O APIC):
 * IOREGSEL at +0x00, IOWIN at +0x10, the EOI register at +0x40 (version
 * 0x20 and later). Indirect registers: 0x00 ID (27:24), 0x01 version
 * (7:0 version, 23:16 highest entry), 0x10 + 2n / + 2n + 1 entry n's low
 * and high dwords.
 */
#ifndef DOORBELL_IOAPIC_H
#define DOORBELL_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/spinlock.h"

#define IOAPIC_MAX_PINS 120 /* 8 bits of "highest entry"; at most 240 dwords of table */

struct ioapic {
	uint64_t base;
	uint8_t id;        /* MADT's I/O APIC ID */
	uint8_t hw_id;     /* what the ID register holds */
	uint8_t version;   /* 0x11: 82093AA; 0x20: with the EOI register */
	uint32_t gsi_base; /* GSI of pin 0 (MADT) */
	unsigned pins;
	struct spinlock lock; /* IOREGSEL and IOWIN are one access pair */
};

/* Read the ID and version registers and mask every pin: 0, or -ENODEV (all-ones, no pins). */
int ioapic_hw_init(struct ioapic *io, uint64_t base, uint8_t id, uint32_t gsi_base);
uint64_t ioapic_rte_read(struct ioapic *io, unsigned pin);
/*
 * Store rte in pin's entry without a moment where a half-written entry is
 * live and unmasked: the low dword masked first, then the high dword, then
 * the low dword as wanted.
 */
void ioapic_rte_write(struct ioapic *io, unsigned pin, uint64_t rte);
/* Set or clear the mask bit only (low dword). */
void ioapic_rte_mask(struct ioapic *io, unsigned pin, bool masked);
/* True when the I/O APIC has the directed EOI register (version >= 0x20). */
bool ioapic_has_eoi(const struct ioapic *io);
/* Directed EOI of a level-triggered entry holding vector (clears its remote IRR). */
void ioapic_eoi(struct ioapic *io, uint32_t vector);

#endif
