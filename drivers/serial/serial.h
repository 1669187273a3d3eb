/* SPDX-License-Identifier: MIT */
/*
 * The serial console. Each arch build links exactly one driver
 * (uart16550 on x86_64, pl011 on aarch64) that implements these.
 */
#ifndef DOORBELL_SERIAL_H
#define DOORBELL_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

struct serial_port {
	const char *name; /* "uart16550", "pl011" */
	uint64_t base;    /* I/O port or MMIO physical address */
	bool mmio;
	const char *source; /* where the address came from: "default", "spcr" */
	bool present;       /* false: output is dropped */
};

/*
 * Bring up the default console port: the arch default, or the address
 * given (spcr_base != 0, from the ACPI SPCR table). Safe to call again
 * once ACPI is parsed.
 */
void serial_init(struct serial_port *port, uint64_t spcr_base);
void serial_putc(const struct serial_port *port, char c);
/* -1 when no character is waiting. */
int serial_getc(const struct serial_port *port);

#endif
