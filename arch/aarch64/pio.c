/* SPDX-License-Identifier: MIT */
/* arm64 has no I/O space: reads float high, writes go nowhere. */
#include "arch/hooks.h"

uint8_t arch_pio_read8(uint16_t port)
{
	(void)port;
	return 0xff;
}

void arch_pio_write8(uint16_t port, uint8_t v)
{
	(void)port;
	(void)v;
}

uint32_t arch_pio_read32(uint16_t port)
{
	(void)port;
	return 0xffffffffu;
}

void arch_pio_write32(uint16_t port, uint32_t v)
{
	(void)port;
	(void)v;
}
