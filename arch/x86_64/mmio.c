/* SPDX-License-Identifier: MIT */
/*
 * Device register stores with writel's ordering. x86 does not reorder a
 * store with earlier stores (SDM Vol. 3A §8.2.2; UC device memory included),
 * so only the compiler must be kept from sinking earlier ordinary stores
 * past the volatile one: the "memory" clobber does that.
 */
#include "arch/hooks.h"

void arch_mmio_write32(uint64_t phys, uint32_t v)
{
	__asm__ volatile("" ::: "memory");
	*(volatile uint32_t *)(uintptr_t)phys = v;
}

void arch_mmio_write64(uint64_t phys, uint64_t v)
{
	__asm__ volatile("" ::: "memory");
	*(volatile uint64_t *)(uintptr_t)phys = v;
}
