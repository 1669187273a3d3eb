/* SPDX-License-Identifier: MIT */
#include "kernel/mm/dma_reserve.h"

#include "kernel/errno.h"

#include "kernel/spinlock.h"

struct dma_reserve_span {
	paddr_t first, end; /* whole pages [first, end) */
};

static struct dma_reserve_span dma_reserved[DMA_RESERVE_MAX];
static unsigned dma_reserved_count;
static struct spinlock dma_reserve_lock;

/* The end of a remembered span holding at, or 0 when none does. */
static paddr_t dma_reserve_covering(paddr_t at)
{
	for (unsigned i = 0; i < dma_reserved_count; i++)
		if (dma_reserved[i].first <= at && at < dma_reserved[i].end)
			return dma_reserved[i].end;
	return 0;
}

/* The first remembered span's start in (at, end), else end. */
static paddr_t dma_reserve_next(paddr_t at, paddr_t end)
{
	paddr_t next = end;
	for (unsigned i = 0; i < dma_reserved_count; i++)
		if (dma_reserved[i].first > at && dma_reserved[i].first < next)
			next = dma_reserved[i].first;
	return next;
}

int dma_reserve(paddr_t base, paddr_t last, uint64_t *kept, uint64_t *busy)
{
	paddr_t first = base & ~(paddr_t)(PAGE_SIZE - 1);
	paddr_t end = (last | (PAGE_SIZE - 1)) + 1; /* 0: the last page is the top one */
	*kept = 0;
	*busy = 0;
	if (last < base || !end)
		return -EINVAL;
	spin_lock(&dma_reserve_lock);
	/* The gaps the remembered spans leave in [first, end). */
	for (paddr_t at = first; at < end;) {
		paddr_t covered = dma_reserve_covering(at);
		if (covered) {
			at = covered;
			continue;
		}
		paddr_t stop = dma_reserve_next(at, end);
		uint64_t k = 0, b = 0;
		(void)page_alloc_claim_span_free(at, stop - 1, &k, &b); /* aligned, not wrapping */
		*kept += k;
		*busy += b;
		at = stop;
	}
	if (dma_reserved_count < DMA_RESERVE_MAX)
		dma_reserved[dma_reserved_count++] = (struct dma_reserve_span){first, end};
	spin_unlock(&dma_reserve_lock);
	return 0;
}

void dma_reserve_reset(void)
{
	spin_lock(&dma_reserve_lock);
	dma_reserved_count = 0;
	spin_unlock(&dma_reserve_lock);
}
