/* SPDX-License-Identifier: MIT */
/*
 * ASIDs of a unit's stage-1 contexts (IHI 0070 §5.4 CD.ASID, §6.3.1
 * IDR0.ASID16): 16 bits when IDR0.ASID16 is set, else 8 (CD.ASID[15:8]
 * must then be zero). Each context takes the lowest free one and gives it
 * back when it is torn down, after its TLB entries were invalidated.
 * ASID 0 is never handed out (Linux's arm-smmu-v3 starts at 1 as well): a
 * zeroed CD names ASID 0, so a stray entry cannot alias a live context.
 * Pure: host-tested.
 */
#ifndef DOORBELL_SMMUV3_ASID_H
#define DOORBELL_SMMUV3_ASID_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq_idalloc.h"

#define SMMUV3_ASID_MAX_COUNT (1u << 16)

struct smmuv3_asids {
	struct irq_idalloc ids;
	uint64_t map[IRQ_IDALLOC_WORDS(SMMUV3_ASID_MAX_COUNT)];
};

/* 2^16 ASIDs with asid16 (IDR0.ASID16), else 2^8; ASID 0 reserved. */
void smmuv3_asid_init(struct smmuv3_asids *a, bool asid16);
/* The lowest free ASID: 0 with *asid set, or -ENOSPC. */
int smmuv3_asid_alloc(struct smmuv3_asids *a, uint16_t *asid);
/* Give asid back: 0, or -EINVAL when it was not allocated (ASID 0 included). */
int smmuv3_asid_free(struct smmuv3_asids *a, uint16_t asid);
/* ASIDs that can still be allocated. */
unsigned smmuv3_asid_free_count(const struct smmuv3_asids *a);

#endif
