/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_qi.h"

#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/time.h"

#define QI_ERRORS (VTD_FSTS_IQE | VTD_FSTS_ICE | VTD_FSTS_ITE)

int vtd_qi_enable(struct vtd_qi *q, const struct vtd_unit *u)
{
	memset(q, 0, sizeof(*q));
	q->unit = u;
	if (!(u->ecap & VTD_ECAP_QI))
		return -ENODEV;
	paddr_t page = page_alloc(1);
	if (!page)
		return -ENOMEM;
	q->queue = (struct vtd_qi_desc *)(uintptr_t)page;
	/* §6.5.2: IQT at 0 before QIE (IQH resets to 0 when enabled). */
	vtd_write64(u, VTD_REG_IQT, 0);
	vtd_write64(u, VTD_REG_IQA, page); /* QS = 0: 256 entries; DW = 0: 128-bit */
	int err = vtd_unit_gcmd(u, VTD_GCMD_QIE, true);
	if (err) {
		page_free(page, 1);
		q->queue = 0;
		return err;
	}
	q->enabled = true;
	return 0;
}

static void qi_put(struct vtd_qi *q, struct vtd_qi_desc d)
{
	q->queue[q->tail] = d;
	q->tail = (q->tail + 1) % VTD_QI_ENTRIES;
}

int vtd_qi_submit(struct vtd_qi *q, const struct vtd_qi_desc *d, unsigned n)
{
	if (!q->enabled)
		return -ENODEV;
	if (n + 1 >= VTD_QI_ENTRIES)
		return -EINVAL;
	for (unsigned i = 0; i < n; i++)
		qi_put(q, d[i]);
	q->seq++;
	q->status = 0;
	qi_put(q, vtd_qi_desc_wait((uintptr_t)&q->status, q->seq));
	arch_wmb(); /* descriptors in memory before the tail moves */
	vtd_write64(q->unit, VTD_REG_IQT, (uint64_t)q->tail << 4);
	deadline_t dl = deadline_in_us(VTD_UNIT_WAIT_US);
	for (;;) {
		if (q->status == q->seq)
			return 0;
		uint32_t fsts = vtd_read32(q->unit, VTD_REG_FSTS);
		if (fsts & QI_ERRORS) {
			/* RW1C; the queue stops at the bad descriptor (§6.5.2.10). */
			q->fsts_errors |= fsts & QI_ERRORS;
			vtd_write32(q->unit, VTD_REG_FSTS, fsts & QI_ERRORS);
			return -EIO;
		}
		if (deadline_passed(dl))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
}

int vtd_qi_iec_global(struct vtd_qi *q)
{
	struct vtd_qi_desc d = vtd_qi_desc_iec_global();
	return vtd_qi_submit(q, &d, 1);
}

int vtd_qi_iec_index(struct vtd_qi *q, uint32_t index)
{
	struct vtd_qi_desc d = vtd_qi_desc_iec_index(index, 0);
	return vtd_qi_submit(q, &d, 1);
}
