/* SPDX-License-Identifier: MIT */
/* Cache clean for non-snooping readers and the 16-byte atomic store (SDM Vol. 2A CLFLUSH, CMPXCHG16B). */
#include <stdbool.h>
#include <stdint.h>

#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"

#define X86_CPUID1_ECX_CX16  (1u << 13)
#define X86_CPUID1_EDX_CLFSH (1u << 19)

static unsigned x86_clflush_line(void)
{
	uint32_t r[4];
	cpuid(1, 0, r);
	if (!(r[3] & X86_CPUID1_EDX_CLFSH))
		return 0;
	unsigned line = ((r[1] >> 8) & 0xff) * 8; /* CPUID.1:EBX[15:8], in 8-byte units */
	return line ? line : 64;
}

void arch_dcache_clean_lines(const void *addr, uint64_t len)
{
	static unsigned line;
	if (!line)
		line = x86_clflush_line();
	if (!line || !len)
		return;
	uintptr_t p = (uintptr_t)addr & ~(uintptr_t)(line - 1), end = (uintptr_t)addr + len;
	/* CLFLUSH is ordered only by MFENCE against other stores (SDM Vol. 2A). */
	__asm__ volatile("mfence" ::: "memory");
	for (; p < end; p += line)
		__asm__ volatile("clflush (%0)" ::"r"(p) : "memory");
}

void arch_dcache_clean_done(void)
{
	__asm__ volatile("mfence" ::: "memory");
}

void arch_dcache_clean(const void *addr, uint64_t len)
{
	arch_dcache_clean_lines(addr, len);
	arch_dcache_clean_done();
}

/* CLFLUSH writes a dirty line back and invalidates it in every cache level (SDM Vol. 2A). */
void arch_dcache_clean_inval(const void *addr, uint64_t len)
{
	arch_dcache_clean(addr, len);
}

bool arch_store128(volatile void *p, uint64_t lo, uint64_t hi)
{
	uint32_t r[4];
	cpuid(1, 0, r);
	if (!(r[2] & X86_CPUID1_ECX_CX16) || ((uintptr_t)p & 15))
		return false;
	volatile uint64_t *q = p;
	uint64_t old_lo = q[0], old_hi = q[1];
	bool done;
	/* On a mismatch CMPXCHG16B loads the current value: the next try compares with it. */
	do {
		__asm__ volatile("lock cmpxchg16b %1"
				 : "=@ccz"(done), "+m"(*(volatile __int128 *)p), "+a"(old_lo),
				   "+d"(old_hi)
				 : "b"(lo), "c"(hi)
				 : "memory");
	} while (!done);
	return true;
}
