/* SPDX-License-Identifier: MIT */
/* SPCR: Serial Port Console Redirection table (Microsoft SPCR spec, revision 2-4). */
#ifndef DOORBELL_ACPI_SPCR_H
#define DOORBELL_ACPI_SPCR_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/acpi/acpi_cursor.h"
#include "kernel/findings.h"

#define ACPI_SPCR_IRQ_PCAT   0x1u /* interrupt type bit 0: dual-8259 IRQ */
#define ACPI_SPCR_IRQ_IOAPIC 0x2u
#define ACPI_SPCR_IRQ_SAPIC  0x4u
#define ACPI_SPCR_IRQ_GIC    0x8u

struct acpi_spcr {
	uint8_t revision;
	uint32_t length;
	uint8_t interface_type; /* 0 16550, 3 PL011, 0x12 16550-compatible (DBG2 subtypes) */
	struct acpi_gas base;
	uint8_t interrupt_type;
	uint8_t irq;
	uint32_t gsiv;
	uint8_t baud_code; /* the field: 0 as is, 3 9600, 4 19200, 6 57600, 7 115200 */
	uint32_t baud;     /* decoded; 0 for "as is"/unknown */
	uint8_t parity, stop_bits, flow_control, terminal_type;
	uint32_t uart_clock;   /* revision 3+, 0 if absent */
	uint32_t precise_baud; /* revision 4+, 0 if absent */
};

/* Returns 0, -EINVAL (not an SPCR) or -EBADMSG (shorter than the 80-byte revision 1/2 table). */
int acpi_spcr_parse(const uint8_t *data, uint32_t len, struct acpi_spcr *s, struct findings *f);

#endif
