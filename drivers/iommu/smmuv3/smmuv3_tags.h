/* SPDX-License-Identifier: MIT */
/*
 * The TLB tags of a unit, one allocator each: ASIDs of the stage-1 contexts
 * (IHI 0070 §5.4 CD.ASID; 16 bits with IDR0.ASID16, else 8, and CD.ASID[15:8]
 * must then be zero) and VMIDs of the stage-2 domains (§5.2 STE.S2VMID; 16
 * bits with IDR0.VMID16, else 8). Tag 0 is never handed out: a zeroed CD
 * names ASID 0 (Linux's arm-smmu-v3 starts at 1 as well), and stage-1-only
 * and bypass STEs carry S2VMID 0, so a stray entry cannot alias a live one.
 * Lowest free first; given back after the tag's TLB entries were invalidated.
 * Pure: host-tested.
 */
#ifndef DOORBELL_SMMUV3_TAGS_H
#define DOORBELL_SMMUV3_TAGS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq_idalloc.h"

#define SMMUV3_TAG_MAX_COUNT (1u << 16)

struct smmuv3_tags {
	struct irq_idalloc ids;
	uint64_t map[IRQ_IDALLOC_WORDS(SMMUV3_TAG_MAX_COUNT)];
};

/* 2^16 tags with wide (IDR0.ASID16 or IDR0.VMID16), else 2^8; tag 0 reserved. */
void smmuv3_tag_init(struct smmuv3_tags *t, bool wide);
/* The lowest free tag: 0 with *tag set, or -ENOSPC. */
int smmuv3_tag_alloc(struct smmuv3_tags *t, uint16_t *tag);
/* Give tag back: 0, or -EINVAL when it was not allocated (tag 0 included). */
int smmuv3_tag_free(struct smmuv3_tags *t, uint16_t tag);
/* Tags that can still be allocated. */
unsigned smmuv3_tag_free_count(const struct smmuv3_tags *t);

#endif
