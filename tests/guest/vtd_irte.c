/* SPDX-License-Identifier: MIT */
/* vtd.irte: an MSI allocated through the stack has a full, correct IRTE and a remappable message. */
#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_irte.h"
#include "kernel/console.h"
#include "tests/guest/vtdtest.h"

DTEST(vtd_irte, .name = "vtd.irte",
      .summary = "the IRTE holds the parent's vector and APIC ID with source-id verification; "
		 "edu stores the remappable handle",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU | DTEST_NEED_IOMMU, .deadline_ms = 2000)
{
	struct vtdtest v;
	unsigned cpu = arch_cpu_current();
	if (!vtdtest_open(t, &v, cpu))
		goto out;
	uint32_t index = v.remap->hwirq.v;
	struct vtd_irte e = vtd_ir_get(v.vd->ir, index);
	struct vtd_irte_fields f;
	vtd_irte_decode(e, v.vd->ir->eime, &f);
	DT_EXPECT(t, f.present, "IRTE %u not present", index);
	DT_EXPECT_EQ(t, f.vector, v.vec->hwirq.v);
	DT_EXPECT_EQ(t, f.dest, arch_cpu_hw_id());
	struct vtd_irte_fields want_src = {0};
	uint16_t arrives;
	vtdtest_source(&v, &want_src, &arrives);
	kprintf("# vtd.irte: edu %02x:%02x.%u: SID 0x%04x SQ %u SVT %u (its MSIs arrive as "
		"%02x:%02x.%u)\n",
		v.s.edu.pci->addr.bus, v.s.edu.pci->addr.dev, v.s.edu.pci->addr.fn, f.sid, f.sq,
		f.svt, arrives >> 8, (arrives >> 3) & 0x1f, arrives & 7);
	DT_EXPECT_EQ(t, f.sid, want_src.sid);
	DT_EXPECT_EQ(t, f.svt, want_src.svt);
	DT_EXPECT_EQ(t, f.sq, 0);
	DT_EXPECT_EQ(t, f.dm, 0);
	DT_EXPECT_EQ(t, f.tm, 0);
	DT_EXPECT_EQ(t, f.dlm, VTD_DLM_FIXED);
	DT_EXPECT_EQ(t, f.fpd, 0);
	struct vtd_irte rsvd = vtd_irte_reserved(e, v.vd->ir->eime);
	DT_EXPECT(t, !rsvd.lo && !rsvd.hi, "reserved bits set: 0x%llx_%016llx",
		  (unsigned long long)rsvd.hi, (unsigned long long)rsvd.lo);

	/* The device holds the remappable message with the index as handle. */
	struct msi_msg held, want;
	vtdtest_read_cap(&v, &held);
	vtd_msi_compose_remappable((uint16_t)index, &want);
	if (!msi_msg_eq(&held, &want))
		dtest_diag(t, "edu holds 0x%08x_%08x/0x%x, want 0x%08x_%08x/0x%x", held.address_hi,
			   held.address_lo, held.data, want.address_hi, want.address_lo, want.data);
	DT_EXPECT(t, msi_msg_eq(&held, &want), "edu's message is not the remappable one");
	uint16_t handle;
	bool shv;
	DT_EXPECT(t, vtd_msi_decode(&held, &handle, &shv), "not in remappable format");
	DT_EXPECT_EQ(t, handle, index);
	DT_EXPECT(t, shv, "SHV clear");

	struct irqtest_snap before;
	irqtest_snap(&before, v.s.virq);
	if (!irqtest_msi_fire(&v.s, 1))
		dtest_diag(t, "the remapped interrupt never came");
	irqtest_expect_delta(t, "vtd.irte", v.s.virq, &before, cpu, 1);
out:
	vtdtest_close(&v);
}
