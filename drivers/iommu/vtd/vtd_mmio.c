/* SPDX-License-Identifier: MIT */
/*
 * Register accesses of a VT-d unit (identity mapped, uncached). Host tests
 * link their own (tests/host/vtd/support_vtd.c) to model the registers'
 * write semantics.
 */
#include "drivers/iommu/vtd/vtd_unit.h"

uint32_t vtd_read32(const struct vtd_unit *u, unsigned off)
{
	return *(volatile uint32_t *)(uintptr_t)(u->base + off);
}

/* 64-bit registers may be accessed as one 64-bit access (§10.2); QEMU takes 4 or 8. */
uint64_t vtd_read64(const struct vtd_unit *u, unsigned off)
{
	return *(volatile uint64_t *)(uintptr_t)(u->base + off);
}

void vtd_write32(const struct vtd_unit *u, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(u->base + off) = v;
}

void vtd_write64(const struct vtd_unit *u, unsigned off, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)(u->base + off) = v;
}
