/* SPDX-License-Identifier: MIT */
/*
 * 16550 UART on COM1 (I/O port 0x3f8), 115200 8N1. Present when the
 * scratch register holds what is written to it.
 */
#include "arch/hooks.h"
#include "drivers/serial/serial.h"

#define COM1        0x3f8
#define REG_DATA    0
#define REG_IER     1
#define REG_FCR     2
#define REG_LCR     3
#define REG_MCR     4
#define REG_LSR     5
#define REG_SCRATCH 7
#define LSR_THRE    0x20
#define LSR_DR      0x01
/* Bounded wait for the transmitter: a stuck UART drops output, never hangs. */
#define TX_SPIN_LIMIT 100000u

void serial_init(struct serial_port *port, uint64_t spcr_base)
{
	uint16_t base = spcr_base && spcr_base < 0x10000 ? (uint16_t)spcr_base : COM1;
	port->name = "uart16550";
	port->base = base;
	port->mmio = false;
	port->source = spcr_base ? "spcr" : "default";
	arch_pio_write8(base + REG_SCRATCH, 0x5a);
	port->present = arch_pio_read8(base + REG_SCRATCH) == 0x5a;
	if (!port->present)
		return;
	arch_pio_write8(base + REG_IER, 0x00);
	arch_pio_write8(base + REG_LCR, 0x80);  /* DLAB */
	arch_pio_write8(base + REG_DATA, 0x01); /* divisor 1: 115200 */
	arch_pio_write8(base + REG_IER, 0x00);
	arch_pio_write8(base + REG_LCR, 0x03); /* 8N1 */
	arch_pio_write8(base + REG_FCR, 0x07); /* FIFO on, cleared */
	arch_pio_write8(base + REG_MCR, 0x03); /* DTR, RTS */
}

void serial_putc(const struct serial_port *port, char c)
{
	if (!port->present)
		return;
	uint16_t base = (uint16_t)port->base;
	for (uint32_t i = 0; i < TX_SPIN_LIMIT && !(arch_pio_read8(base + REG_LSR) & LSR_THRE); i++)
		arch_cpu_relax();
	arch_pio_write8(base + REG_DATA, (uint8_t)c);
}

int serial_getc(const struct serial_port *port)
{
	if (!port->present || !(arch_pio_read8((uint16_t)port->base + REG_LSR) & LSR_DR))
		return -1;
	return arch_pio_read8((uint16_t)port->base + REG_DATA);
}
