/* SPDX-License-Identifier: MIT */
/*
 * The data cache line size for cache maintenance by address, from CTR_EL0
 * (Arm ARM D13.2 CTR_EL0): DminLine, bits 19:16, is log2 of the number of
 * 4-byte words in the smallest data or unified cache line of every cache
 * the PE controls. DC CVAC by VA works on a whole line: stepping by a fixed
 * 64 would skip lines on a CPU whose lines are 32 bytes. Pure, host-tested.
 */
#include "arch/aarch64/cache_ctr.h"

unsigned aarch64_ctr_dminline_bytes(uint64_t ctr)
{
	return 4u << ((ctr >> 16) & 0xf);
}
