/* SPDX-License-Identifier: MIT */
/*
 * Queued invalidation (VT-d 3.x §6.5.2): a page of 128-bit descriptors the
 * unit consumes from IQH to IQT. Each batch ends with an invalidation wait
 * descriptor whose status write tells software that everything before it
 * completed; every wait has a deadline.
 */
#ifndef DOORBELL_VTD_QI_H
#define DOORBELL_VTD_QI_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/vtd/vtd_unit.h"

#define VTD_QI_ENTRIES 256 /* one 4 KiB page of 16-byte descriptors: IQA.QS = 0 */

struct vtd_qi_desc {
	uint64_t lo, hi;
};

struct vtd_qi {
	const struct vtd_unit *unit;
	struct vtd_qi_desc *queue;    /* identity mapped: also its physical address */
	uint32_t tail;                /* next free slot */
	uint32_t seq;                 /* status data of the last wait descriptor */
	volatile uint32_t status;     /* written by the unit */
	uint32_t fsts_errors;         /* IQE/ICE/ITE seen (VTD_FSTS_* bits) */
	uint32_t iqe_head;            /* where the last IQE stopped the queue */
	struct vtd_qi_desc wait_desc; /* the last batch's wait descriptor */
	bool enabled;
};

/* Queue page, IQA, IQT = 0, then GCMD.QIE: 0, -ENODEV (no ECAP.QI), -ENOMEM, -ETIMEDOUT. */
int vtd_qi_enable(struct vtd_qi *q, const struct vtd_unit *u);

/*
 * Queue n descriptors and a wait descriptor with a status write, then wait
 * for the status: 0, -ETIMEDOUT, -EIO (FSTS reported IQE, ICE or ITE; the
 * bits are cleared and kept in fsts_errors; after IQE the bad descriptor is
 * replaced by the wait descriptor so the queue goes on), -EINVAL (n too
 * large), -ENODEV.
 */
int vtd_qi_submit(struct vtd_qi *q, const struct vtd_qi_desc *d, unsigned n);
/* vtd_qi_submit in two halves: queue and move the tail (*seq: what to wait for) ... */
int vtd_qi_post(struct vtd_qi *q, const struct vtd_qi_desc *d, unsigned n, uint32_t *seq);
/* ... then wait for it with the deadline, recovering from queue errors as above. */
int vtd_qi_wait(struct vtd_qi *q, uint32_t seq);

/* Interrupt entry cache invalidation (§6.5.2.7), submitted and waited for. */
int vtd_qi_iec_global(struct vtd_qi *q);
int vtd_qi_iec_index(struct vtd_qi *q, uint32_t index);

/* Descriptor encoders (pure). */
struct vtd_qi_desc vtd_qi_desc_iec_global(void);
struct vtd_qi_desc vtd_qi_desc_iec_index(uint32_t index, unsigned mask_log2);
struct vtd_qi_desc vtd_qi_desc_wait(uint64_t status_addr, uint32_t data);

#endif
