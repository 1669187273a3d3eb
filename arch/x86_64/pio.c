/* SPDX-License-Identifier: MIT */
#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"

uint8_t arch_pio_read8(uint16_t port)
{
	return inb(port);
}

void arch_pio_write8(uint16_t port, uint8_t v)
{
	outb(port, v);
}

uint32_t arch_pio_read32(uint16_t port)
{
	return inl(port);
}

void arch_pio_write32(uint16_t port, uint32_t v)
{
	outl(port, v);
}
