/* SPDX-License-Identifier: MIT */
/* The 16-byte atomic store (Arm ARM B2.2.1 single-copy atomicity, C6 LDXP/STXP). */
#include <stdbool.h>
#include <stdint.h>

#include "arch/hooks.h"

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
