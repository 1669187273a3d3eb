/* SPDX-License-Identifier: MIT */
/*
 * Memory the firmware gave devices for DMA (DMAR RMRRs, VT-d §8.4; IORT RMR
 * ranges, DEN 0049 §3.1.1.9), kept out of the page allocator once, however
 * many table entries, nodes or SMMUs name it: a device may write there at any
 * time, so doorbell must not put its own data there.
 */
#ifndef DOORBELL_DMA_RESERVE_H
#define DOORBELL_DMA_RESERVE_H

#include <stdint.h>

#include "kernel/mm/page_alloc.h"

/* Spans remembered; past that, a range is still claimed but not remembered. */
#define DMA_RESERVE_MAX 128u

/*
 * Reserve [base, last] (last inclusive, either end unaligned: rounded out to
 * whole pages). Pages an earlier reservation already holds are skipped; of the
 * others, the free ones leave the allocator (*kept) and the ones doorbell
 * already uses (allocated before the table was read, or a zone's bitmap) are
 * counted in *busy and stay where they are. 0, or -EINVAL for a reversed range
 * or one whose last page is the top of the address space (nothing reserved).
 */
int dma_reserve(paddr_t base, paddr_t last, uint64_t *kept, uint64_t *busy);
/* Forget every reservation (the pages stay claimed): for host tests. */
void dma_reserve_reset(void);

#endif
