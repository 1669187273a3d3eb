/* SPDX-License-Identifier: MIT */
/* vtd.faults: a blocked interrupt leaves a fault record with its reason, source-id and index. */
#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_irte.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/errno.h"
#include "tests/guest/vtdtest.h"

#define VTD_FR_IRTE_NOT_PRESENT 0x22 /* §7.1.3 */

DTEST(vtd_faults, .name = "vtd.faults",
      .summary = "an interrupt through a not-present IRTE is recorded (FSTS.PPF, reason 0x22)",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU | DTEST_NEED_IOMMU, .deadline_ms = 2000)
{
	struct vtdtest v;
	if (!vtdtest_open(t, &v, arch_cpu_current()))
		goto out;
	struct vtd_fault_report r;
	vtd_fault_read(&v.vd->ir->unit, &r); /* start clean */
	struct vtd_irte e = vtd_ir_get(v.vd->ir, v.remap->hwirq.v);
	e.lo &= ~VTD_IRTE_P;
	int err = vtd_ir_set(v.vd->ir, v.spare, e);
	DT_EXPECT(t, err == 0, "writing IRTE %u: %s", v.spare, errno_name(err));
	struct msi_msg m;
	vtd_msi_compose_remappable((uint16_t)v.spare, &m);
	struct vtdtest_shot s = vtdtest_send(&v, &m);
	DT_EXPECT_EQ(t, s.delivered, 0);
	DT_EXPECT_EQ(t, s.unexpected, 0);
	vtd_fault_read(&v.vd->ir->unit, &r);
	vtd_fault_print(&r);
	if (!r.count && !(r.fsts & VTD_FSTS_PPF)) {
		dtest_todo(t,
			   "QEMU 7.2 records no IR faults (FSTS 0x%x, no fault record after a "
			   "blocked interrupt)",
			   r.fsts);
		goto out;
	}
	DT_EXPECT(t, r.count >= 1, "FSTS.PPF set but no record with F");
	if (r.count) {
		DT_EXPECT_EQ(t, r.rec[0].reason, VTD_FR_IRTE_NOT_PRESENT);
		DT_EXPECT_EQ(t, r.rec[0].sid, pci_dev_rid(v.s.edu.pci));
		DT_EXPECT_EQ(t, r.rec[0].index, v.spare);
	}
out:
	vtdtest_close(&v);
}
