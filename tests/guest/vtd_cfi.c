/* SPDX-License-Identifier: MIT */
/* vtd.cfi: with GCMD.CFI clear a compatibility-format MSI is blocked (VT-d §5.1.2.1). */
#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "tests/guest/vtdtest.h"

DTEST(vtd_cfi, .name = "vtd.cfi",
      .summary = "a compatibility-format MSI from edu is not delivered while CFI is blocked",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU | DTEST_NEED_IOMMU, .deadline_ms = 2000)
{
	struct vtdtest v;
	if (!vtdtest_open(t, &v, arch_cpu_current()))
		goto out;
	DT_EXPECT(t, !v.vd->ir->cfi, "CFI is allowed: nothing to check");
	struct msi_msg compat;
	int err = vtdtest_compat_msg(&v, &compat);
	if (!DT_EXPECT(t, err == 0, "parent compose: %s", errno_name(err)))
		goto out;
	struct vtdtest_shot s = vtdtest_send(t, &v, &compat);
	DT_EXPECT_EQ(t, s.unexpected, 0);
	kprintf("# vtd.cfi: compatibility-format message 0x%08x/0x%x: %s\n", compat.address_lo,
		compat.data, s.delivered ? "delivered" : "not delivered");
	if (s.delivered)
		dtest_gap(t, GAP_VTD_CFI_IGNORED,
			  "a compatibility-format interrupt was delivered with CFI clear");
out:
	vtdtest_close(&v);
}
