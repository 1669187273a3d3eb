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

static void vtd_qi_put(struct vtd_qi *q, struct vtd_qi_desc d)
{
	q->queue[q->tail] = d;
	q->tail = (q->tail + 1) % VTD_QI_ENTRIES;
}

int vtd_qi_post(struct vtd_qi *q, const struct vtd_qi_desc *d, unsigned n, uint32_t *seq)
{
	if (!q->enabled)
		return -ENODEV;
	if (n + 1 >= VTD_QI_ENTRIES)
		return -EINVAL;
	for (unsigned i = 0; i < n; i++)
		vtd_qi_put(q, d[i]);
	q->seq++;
	q->status = 0;
	q->wait_desc = vtd_qi_desc_wait((uintptr_t)&q->status, q->seq);
	vtd_qi_put(q, q->wait_desc);
	arch_wmb(); /* descriptors in memory before the tail moves */
	vtd_write64(q->unit, VTD_REG_IQT, (uint64_t)q->tail << 4);
	*seq = q->seq;
	return 0;
}

/*
 * §6.5.2.10: on IQE the unit stops with IQH at the bad descriptor and
 * fetches nothing more until software fixes it. Like Linux's qi_check_fault,
 * put the batch's wait descriptor in its place, clear IQE and write IQT
 * again (QEMU fetches only on an IQT write): the queue moves on and the
 * wait completes, so the next batch starts from a clean queue.
 */
static void vtd_qi_recover_iqe(struct vtd_qi *q)
{
	uint32_t head = VTD_IQH_QH(vtd_read64(q->unit, VTD_REG_IQH)) % VTD_QI_ENTRIES;
	q->queue[head] = q->wait_desc;
	q->iqe_head = head;
	arch_wmb();
	vtd_write32(q->unit, VTD_REG_FSTS, VTD_FSTS_IQE);
	vtd_write64(q->unit, VTD_REG_IQT, (uint64_t)q->tail << 4);
}

int vtd_qi_wait(struct vtd_qi *q, uint32_t seq)
{
	deadline_t dl = deadline_in_us(VTD_UNIT_WAIT_US);
	int err = 0;
	for (;;) {
		if (q->status == seq)
			return err;
		uint32_t fsts = vtd_read32(q->unit, VTD_REG_FSTS);
		if (fsts & QI_ERRORS) {
			q->fsts_errors |= fsts & QI_ERRORS;
			err = -EIO;
			if (fsts & VTD_FSTS_IQE)
				vtd_qi_recover_iqe(q);
			/* ICE / ITE (device-TLB only): RW1C; the unit went on (§6.5.2.10). */
			if (fsts & (VTD_FSTS_ICE | VTD_FSTS_ITE))
				vtd_write32(q->unit, VTD_REG_FSTS,
					    fsts & (VTD_FSTS_ICE | VTD_FSTS_ITE));
		}
		if (deadline_passed(dl))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
}

int vtd_qi_submit(struct vtd_qi *q, const struct vtd_qi_desc *d, unsigned n)
{
	uint32_t seq;
	int err = vtd_qi_post(q, d, n, &seq);
	return err ? err : vtd_qi_wait(q, seq);
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
