/* SPDX-License-Identifier: MIT */
/*
 * VMIDs of a unit's stage-2 domains (IHI 0070 §5.2 STE.S2VMID, §6.3.1
 * IDR0.VMID16): 16 bits when IDR0.VMID16 is set, else 8. VMID 0 is never
 * handed out: stage-1-only and bypass STEs carry S2VMID 0, and their
 * entries must not be taken for a domain's. Lowest free first; given back
 * after the domain's entries were invalidated (TLBI_S12_VMALL). Pure:
 * host-tested.
 */
#ifndef DOORBELL_SMMUV3_VMID_H
#define DOORBELL_SMMUV3_VMID_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq_idalloc.h"

#define SMMUV3_VMID_MAX_COUNT (1u << 16)

struct smmuv3_vmids {
	struct irq_idalloc ids;
	uint64_t map[IRQ_IDALLOC_WORDS(SMMUV3_VMID_MAX_COUNT)];
};

/* 2^16 VMIDs with vmid16 (IDR0.VMID16), else 2^8; VMID 0 reserved. */
void smmuv3_vmid_init(struct smmuv3_vmids *v, bool vmid16);
/* 0 with *vmid set, or -ENOSPC. */
int smmuv3_vmid_alloc(struct smmuv3_vmids *v, uint16_t *vmid);
/* 0, or -EINVAL when vmid was not allocated (VMID 0 included). */
int smmuv3_vmid_free(struct smmuv3_vmids *v, uint16_t vmid);
unsigned smmuv3_vmid_free_count(const struct smmuv3_vmids *v);

#endif
