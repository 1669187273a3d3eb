/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_unit.h"

#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_probe.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/errno.h"
#include "kernel/time.h"

int vtd_unit_init(struct vtd_unit *u, uint64_t base)
{
	struct vtd_unit_id id;
	memset(u, 0, sizeof(*u));
	int err = vtd_probe_unit(base, &id);
	if (err)
		return err;
	u->base = base;
	u->ver = id.ver;
	u->cap = id.cap;
	u->ecap = id.ecap;
	return 0;
}

int vtd_unit_gcmd(const struct vtd_unit *u, uint32_t bit, bool on)
{
	/* §11.4.4: read GSTS, drop the one-shot bits, change one command, write GCMD. */
	uint32_t cmd = vtd_read32(u, VTD_REG_GSTS) & ~VTD_GCMD_ONE_SHOT;
	cmd = on ? cmd | bit : cmd & ~bit;
	arch_wmb(); /* tables written before the command that makes hardware read them */
	vtd_write32(u, VTD_REG_GCMD, cmd);
	deadline_t d = deadline_in_us(VTD_UNIT_WAIT_US);
	for (;;) {
		bool set = (vtd_read32(u, VTD_REG_GSTS) & bit) != 0;
		if (set == on)
			return 0;
		if (deadline_passed(d))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
}
