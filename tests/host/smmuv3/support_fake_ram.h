/* SPDX-License-Identifier: MIT */
/*
 * Fake RAM for the SMMUv3 page-table tests: 64 pages at 0x80000000 behind
 * struct smmuv3_pgt_ops. Pages come back dirty (0x5a), so a builder that
 * forgets to zero a table is seen; fake_limit bounds what may be handed out.
 */
#ifndef DOORBELL_TEST_SMMUV3_FAKE_RAM_H
#define DOORBELL_TEST_SMMUV3_FAKE_RAM_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/smmuv3/smmuv3_pgtable.h"

#define FAKE_PAGES 64
#define FAKE_BASE  0x80000000ull

extern uint64_t fake_ram[FAKE_PAGES][512];
extern int fake_limit; /* pages the allocator may still hand out */
extern unsigned fake_in_use, fake_syncs;

/* Every page free, FAKE_PAGES allowed, no sync counted. */
void fake_ram_reset(void);

smmuv3_phys_t fake_alloc(void *ctx);
void fake_free(void *ctx, smmuv3_phys_t page);
uint64_t *fake_map(void *ctx, smmuv3_phys_t page);
void fake_sync(void *ctx);

#endif
