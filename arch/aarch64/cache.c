/* SPDX-License-Identifier: MIT */
/* Cache write-back to the point of coherency and the 16-byte atomic store (Arm ARM B2.2.1, C6 LDXP/STXP). */
#include <stdbool.h>
#include <stdint.h>

#include "arch/hooks.h"

void arch_dcache_flush(const volatile void *addr, uint64_t len)
{
	uint64_t ctr;
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	uint64_t line = 4ull << ((ctr >> 16) & 0xf); /* DminLine: log2 of words */
	uintptr_t p = (uintptr_t)addr & ~(uintptr_t)(line - 1), end = (uintptr_t)addr + len;
	__asm__ volatile("dsb ish" ::: "memory");
	for (; p < end; p += line)
		__asm__ volatile("dc cvac, %0" ::"r"(p) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
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
