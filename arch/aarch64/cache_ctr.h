/* SPDX-License-Identifier: MIT */
/* CTR_EL0 decoding for cache maintenance (arch/aarch64 only, and its host tests). */
#ifndef DOORBELL_ARCH_AARCH64_CACHE_CTR_H
#define DOORBELL_ARCH_AARCH64_CACHE_CTR_H

#include <stdint.h>

/* The smallest data cache line in bytes: 4 << CTR_EL0.DminLine (bits 19:16). */
unsigned aarch64_ctr_dminline_bytes(uint64_t ctr);

#endif
