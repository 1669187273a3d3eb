/* SPDX-License-Identifier: MIT */
/*
 * Clean and invalidate to the point of coherency for devices that do not
 * snoop (Arm ARM, DC CIVAC), and the 16-byte atomic store (B2.2.1
 * single-copy atomicity, C6 LDXP/STXP).
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/aarch64.h"
#include "arch/aarch64/cache_ctr.h"
#include "arch/hooks.h"

void arch_dcache_clean_inval(const void *p, uint64_t len)
{
	/* The line DC CIVAC works on: CTR_EL0.DminLine (cache_ctr.c). */
	uint64_t line = aarch64_ctr_dminline_bytes(read_sysreg(ctr_el0));
	uint64_t a = (uint64_t)(uintptr_t)p & ~(line - 1);
	/* Prior stores (and loads) of these lines are ordered before the maintenance. */
	dsb(sy);
	for (uint64_t end = (uint64_t)(uintptr_t)p + len; a < end; a += line)
		__asm__ volatile("dc civac, %0" ::"r"(a) : "memory");
	dsb(sy);
}

bool arch_store128(volatile void *p, uint64_t lo, uint64_t hi)
{
	if ((uintptr_t)p & 15)
		return false;
	uint64_t t0, t1;
	uint32_t fail;
	/* A successful STXP of a pair that LDXP read exclusively is single-copy atomic. */
	do {
		__asm__ volatile("ldxp %0, %1, [%3]\n\t"
				 "stxp %w2, %4, %5, [%3]"
				 : "=&r"(t0), "=&r"(t1), "=&r"(fail)
				 : "r"(p), "r"(lo), "r"(hi)
				 : "memory");
	} while (fail);
	return true;
}
