/* SPDX-License-Identifier: MIT */
/*
 * The I/O APICs of the MADT as bus domains, made on first use (after
 * remap_init): each on the remap domain its DMAR IOAPIC scope names, with
 * that scope's source-id, or on the vector domain when remapping is off.
 * With remapping on and no scope naming an I/O APIC, it gets no domain:
 * its interrupts would not be remapped (the reason is kept and printed).
 */
#ifndef DOORBELL_IOAPIC_SETUP_H
#define DOORBELL_IOAPIC_SETUP_H

#include <stdint.h>

#include "drivers/ioapic/ioapic_domain.h"

#define IOAPIC_SETUP_MAX 4

/*
 * The domain of the I/O APIC that has gsi: NULL with *why (static storage)
 * when there is none or it could not be set up.
 */
struct ioapic_domain *ioapic_for_gsi(uint32_t gsi, const char **why);

#endif
