/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_takeover.h"

#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_fault.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/errno.h"
#include "kernel/time.h"

/* §6.5.2: the unit has fetched every descriptor software queued when IQH = IQT. */
static int vtd_takeover_drain(const struct vtd_unit *u)
{
	deadline_t d = deadline_in_us(VTD_UNIT_WAIT_US);
	for (;;) {
		uint64_t head = vtd_read64(u, VTD_REG_IQH) & VTD_IQ_PTR_MASK;
		if (head == (vtd_read64(u, VTD_REG_IQT) & VTD_IQ_PTR_MASK))
			return 0;
		if (deadline_passed(d))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
}

int vtd_takeover(const struct vtd_unit *u, struct vtd_takeover *t, const char **what)
{
	memset(t, 0, sizeof(*t));
	t->gsts = vtd_read32(u, VTD_REG_GSTS);
	t->ir_was_on = (t->gsts & VTD_GCMD_IRE) != 0;
	t->qi_was_on = (t->gsts & VTD_GCMD_QIE) != 0;
	int err;
	if (t->ir_was_on) {
		*what = "GCMD.IRE clear (firmware's remapping)";
		err = vtd_unit_gcmd(u, VTD_GCMD_IRE, false);
		if (err)
			return err;
	}
	struct vtd_fault_report r;
	vtd_fault_read(u, &r);
	t->faults = r.count + r.unstored;
	if (t->qi_was_on) {
		*what = "firmware's invalidation queue drain";
		err = vtd_takeover_drain(u);
		if (err)
			return err;
		*what = "GCMD.QIE clear (firmware's queue)";
		err = vtd_unit_gcmd(u, VTD_GCMD_QIE, false);
		if (err)
			return err;
	}
	*what = "";
	return 0;
}
