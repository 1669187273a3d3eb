/* SPDX-License-Identifier: MIT */
/*
 * I/O APIC redirection table entries (82093AA datasheet §3.2.4; ICH/PCH
 * I/O APIC: same layout), built from the message the level below composed.
 * Pure logic: host-tested (tests/host/ioapic/).
 *
 * Compatibility format (no remapping):
 *   7:0 vector, 10:8 delivery mode, 11 destination mode, 12 delivery status (RO),
 *   13 polarity (1 = active low), 14 remote IRR (RO), 15 trigger (1 = level),
 *   16 mask, 63:56 destination APIC ID.
 * Remappable format (VT-d §5.1.5.1):
 *   7:0 vector (the IRTE's: the EOI is matched on it), 10:8 000b, 11 handle[15],
 *   13 polarity, 15 trigger, 16 mask, 47:17 reserved 0, 48 format = 1,
 *   63:49 handle[14:0].
 */
#ifndef DOORBELL_IOAPIC_RTE_H
#define DOORBELL_IOAPIC_RTE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq_types.h"

#define IOAPIC_RTE_VECTOR       0xffull
#define IOAPIC_RTE_DLM_SHIFT    8
#define IOAPIC_RTE_DEST_LOG     (1ull << 11)
#define IOAPIC_RTE_HANDLE15     (1ull << 11) /* remappable format */
#define IOAPIC_RTE_DELIVS       (1ull << 12)
#define IOAPIC_RTE_ACTIVE_LOW   (1ull << 13)
#define IOAPIC_RTE_REMOTE_IRR   (1ull << 14)
#define IOAPIC_RTE_LEVEL        (1ull << 15)
#define IOAPIC_RTE_MASKED       (1ull << 16)
#define IOAPIC_RTE_REMAP        (1ull << 48)
#define IOAPIC_RTE_DEST_SHIFT   56
#define IOAPIC_RTE_HANDLE_SHIFT 49

/* How a pin is wired: from the MADT (interrupt source overrides) or the source's own register. */
struct ioapic_pin_cfg {
	bool level;      /* level-triggered (else edge) */
	bool active_low; /* polarity */
};

/*
 * The entry that sends msg's interrupt: a remappable message (address bit
 * 4) gives the remappable format with its handle and `vector`, the vector
 * of the IRTE it names (SHV must be clear or the subhandle 0: the I/O APIC
 * cannot send one); a compatibility message its destination, destination
 * mode, delivery mode and vector. cfg's trigger and polarity and `masked`
 * are added. 0, or -EINVAL (not an interrupt address, subhandle set, no
 * vector), -ERANGE (a destination wider than the entry's 8 bits: extended
 * destination bits or an upper address).
 */
int ioapic_rte_from_msg(const struct msi_msg *msg, uint32_t vector,
			const struct ioapic_pin_cfg *cfg, bool masked, uint64_t *rte);

/* True when rte is in remappable format; *handle the IRTE index it names. */
bool ioapic_rte_handle(uint64_t rte, uint16_t *handle);

#endif
