/* SPDX-License-Identifier: MIT */
/*
 * ARM PrimeCell PL011 UART (TRM DDI 0183) as left by the firmware: already
 * configured, so the driver only moves bytes. Also serves SBSA generic
 * UARTs (a PL011 subset without ID registers) when the SPCR names one.
 */
#include "drivers/serial/serial.h"

#include "arch/hooks.h"

#define PL011_DEFAULT_BASE 0x09000000ull /* QEMU virt */
#define PL011_DR           0x00
#define PL011_FR           0x18
#define PL011_FR_TXFF      (1u << 5)
#define PL011_FR_RXFE      (1u << 4)
/* ~1 s of polling at worst, far more than a byte at 9600 baud. */
#define PL011_TX_SPINS 1000000

static inline uint32_t pl011_read(const struct serial_port *port, unsigned reg)
{
	return *(volatile uint32_t *)(uintptr_t)(port->base + reg);
}

static inline void pl011_write(const struct serial_port *port, unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(port->base + reg) = v;
}

void serial_init(struct serial_port *port, uint64_t spcr_base)
{
	uint32_t fr;

	port->name = "pl011";
	port->mmio = true;
	if (spcr_base) {
		port->base = spcr_base;
		port->source = "spcr";
	} else {
		port->base = PL011_DEFAULT_BASE;
		port->source = "default";
	}
	/* A read that aborts means nothing is there: drop the output. */
	port->present = arch_probe_read32(port->base + PL011_FR, &fr) == 0;
}

void serial_putc(const struct serial_port *port, char c)
{
	if (!port->present)
		return;
	for (unsigned i = 0; i < PL011_TX_SPINS; i++) {
		if (!(pl011_read(port, PL011_FR) & PL011_FR_TXFF))
			break;
		arch_cpu_relax();
	}
	pl011_write(port, PL011_DR, (uint8_t)c);
}

int serial_getc(const struct serial_port *port)
{
	if (!port->present || (pl011_read(port, PL011_FR) & PL011_FR_RXFE))
		return -1;
	return pl011_read(port, PL011_DR) & 0xff;
}
