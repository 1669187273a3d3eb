/* SPDX-License-Identifier: MIT */
/*
 * vtd.irte_update: a live IRTE whose high qword (source-id) changes is
 * rewritten with one 16-byte atomic store (§9.10; Linux's modify_irte), reads
 * back exactly, and delivers again once its source-id is edu's again.
 */
#include <stdalign.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_irte.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "tests/guest/vtdtest.h"

static void vtd_irte_update_write(struct dtest_ctx *t, struct vtdtest *v, struct vtd_irte e,
				  uint32_t atomic_want)
{
	uint32_t before = v->vd->ir->atomic128;
	int err = vtd_ir_set(v->vd->ir, v->spare, e);
	DT_EXPECT(t, err == 0, "writing IRTE %u: %s", v->spare, errno_name(err));
	struct vtd_irte got = vtd_ir_get(v->vd->ir, v->spare);
	DT_EXPECT(t, got.lo == e.lo && got.hi == e.hi, "IRTE %u reads 0x%016llx_%016llx", v->spare,
		  (unsigned long long)got.hi, (unsigned long long)got.lo);
	DT_EXPECT_EQ(t, v->vd->ir->atomic128 - before, atomic_want);
}

DTEST(vtd_irte_update, .name = "vtd.irte_update",
      .summary = "a live IRTE's source-id changes with one 16-byte atomic store and delivers after",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU | DTEST_NEED_IOMMU, .deadline_ms = 3000)
{
	struct vtdtest v;
	if (!vtdtest_open(t, &v, arch_cpu_current()))
		goto out;
	static alignas(16) volatile uint64_t probe[2];
	bool have128 = arch_store128(probe, 1, 2) && probe[0] == 1 && probe[1] == 2;
	kprintf("# vtd.irte_update: 16-byte atomic store %s; ECAP.C %u (%s)\n",
		have128 ? "available" : "absent (P cleared first)",
		(unsigned)(v.vd->ir->unit.ecap & VTD_ECAP_C),
		(v.vd->ir->unit.ecap & VTD_ECAP_C) ? "coherent" : "entries flushed with clflush");
	struct vtd_irte good = vtd_ir_get(v.vd->ir, v.remap->hwirq.v);
	vtd_irte_update_write(t, &v, good, 0); /* not present before: high then low */
	struct vtd_irte other = good;
	other.hi ^= 0x08; /* another requester: the high qword of a live entry changes */
	vtd_irte_update_write(t, &v, other, have128 ? 1 : 0);
	vtd_irte_update_write(t, &v, good, have128 ? 1 : 0);
	struct msi_msg m;
	vtd_msi_compose_remappable((uint16_t)v.spare, &m);
	struct vtdtest_shot s = vtdtest_send(t, &v, &m);
	DT_EXPECT_EQ(t, s.delivered, 1);
	DT_EXPECT_EQ(t, s.unexpected, 0);
out:
	vtdtest_close(&v);
}
