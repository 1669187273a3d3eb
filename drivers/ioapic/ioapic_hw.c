/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "drivers/ioapic/ioapic.h"
#include "drivers/ioapic/ioapic_rte.h"
#include "kernel/errno.h"

#define IOAPIC_IOREGSEL 0x00
#define IOAPIC_IOWIN    0x10
#define IOAPIC_EOI      0x40
#define IOAPIC_REG_ID   0x00
#define IOAPIC_REG_VER  0x01
#define IOAPIC_REG_RTE  0x10

static volatile uint32_t *ioapic_reg(const struct ioapic *io, unsigned off)
{
	return (volatile uint32_t *)(uintptr_t)(io->base + off);
}

/* Lock held. */
static uint32_t ioapic_read(struct ioapic *io, uint32_t reg)
{
	*ioapic_reg(io, IOAPIC_IOREGSEL) = reg;
	return *ioapic_reg(io, IOAPIC_IOWIN);
}

static void ioapic_write(struct ioapic *io, uint32_t reg, uint32_t v)
{
	*ioapic_reg(io, IOAPIC_IOREGSEL) = reg;
	*ioapic_reg(io, IOAPIC_IOWIN) = v;
}

int ioapic_hw_init(struct ioapic *io, uint64_t base, uint8_t id, uint32_t gsi_base)
{
	memset(io, 0, sizeof(*io));
	io->base = base;
	io->id = id;
	io->gsi_base = gsi_base;
	uint32_t ver = ioapic_read(io, IOAPIC_REG_VER);
	if (ver == 0xffffffffu)
		return -ENODEV;
	io->hw_id = (uint8_t)(ioapic_read(io, IOAPIC_REG_ID) >> 24 & 0xf);
	io->version = (uint8_t)ver;
	io->pins = ((ver >> 16) & 0xffu) + 1;
	if (io->pins > IOAPIC_MAX_PINS)
		io->pins = IOAPIC_MAX_PINS;
	/* Nothing of the firmware's routing stays live (Linux: clear_IO_APIC). */
	for (unsigned pin = 0; pin < io->pins; pin++)
		ioapic_rte_mask(io, pin, true);
	return 0;
}

uint64_t ioapic_rte_read(struct ioapic *io, unsigned pin)
{
	spin_lock(&io->lock);
	uint32_t lo = ioapic_read(io, IOAPIC_REG_RTE + 2 * pin);
	uint32_t hi = ioapic_read(io, IOAPIC_REG_RTE + 2 * pin + 1);
	spin_unlock(&io->lock);
	return (uint64_t)hi << 32 | lo;
}

void ioapic_rte_write(struct ioapic *io, unsigned pin, uint64_t rte)
{
	spin_lock(&io->lock);
	uint32_t lo = ioapic_read(io, IOAPIC_REG_RTE + 2 * pin);
	ioapic_write(io, IOAPIC_REG_RTE + 2 * pin, lo | (uint32_t)IOAPIC_RTE_MASKED);
	ioapic_write(io, IOAPIC_REG_RTE + 2 * pin + 1, (uint32_t)(rte >> 32));
	ioapic_write(io, IOAPIC_REG_RTE + 2 * pin, (uint32_t)rte);
	spin_unlock(&io->lock);
}

void ioapic_rte_mask(struct ioapic *io, unsigned pin, bool masked)
{
	spin_lock(&io->lock);
	uint32_t lo = ioapic_read(io, IOAPIC_REG_RTE + 2 * pin);
	if (masked)
		lo |= (uint32_t)IOAPIC_RTE_MASKED;
	else
		lo &= ~(uint32_t)IOAPIC_RTE_MASKED;
	ioapic_write(io, IOAPIC_REG_RTE + 2 * pin, lo);
	spin_unlock(&io->lock);
}

bool ioapic_has_eoi(const struct ioapic *io)
{
	return io->version >= 0x20;
}

void ioapic_eoi(struct ioapic *io, uint32_t vector)
{
	*ioapic_reg(io, IOAPIC_EOI) = vector & 0xffu;
}
