/* SPDX-License-Identifier: MIT */
/* The wired-interrupt hooks on arm64: the GICv3 SPI domain (drivers/irqchip/spi_domain.c). */
#include "arch/hooks.h"
#include "drivers/irqchip/gic.h"

struct irq_domain *arch_wired_irq_domain(void)
{
	return spi_domain();
}

int arch_wired_irq_raise(uint32_t gsiv)
{
	return spi_domain_raise(gsiv);
}

int arch_wired_irq_hw(uint32_t gsiv, struct arch_wired_irq_hw *hw)
{
	return spi_domain_hw(gsiv, hw);
}
