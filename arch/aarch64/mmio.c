/* SPDX-License-Identifier: MIT */
/*
 * Device register stores with writel's ordering. A store to Device memory
 * is not ordered after earlier stores to Normal memory unless a barrier
 * says so (Arm ARM B2.3, "Ordering requirements"): a DMB OSHST makes every
 * earlier store observable in the outer shareable domain, which holds the
 * devices, before the register store. Linux's __iowmb() is the same barrier.
 * A device that does not snoop still needs its buffers cleaned to PoC first
 * (arch_dcache_clean).
 */
#include "arch/hooks.h"

void arch_mmio_write32(uint64_t phys, uint32_t v)
{
	__asm__ volatile("dmb oshst\n\t"
			 "str %w0, [%1]" ::"r"(v),
			 "r"(phys)
			 : "memory");
}

void arch_mmio_write64(uint64_t phys, uint64_t v)
{
	__asm__ volatile("dmb oshst\n\t"
			 "str %0, [%1]" ::"r"(v),
			 "r"(phys)
			 : "memory");
}
