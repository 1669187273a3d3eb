/* SPDX-License-Identifier: MIT */
/* vtd.affinity: a move rewrites the IRTE only; the device's message stays byte for byte. */
#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_irte.h"
#include "kernel/errno.h"
#include "tests/guest/vtdtest.h"

static void vtd_affinity_check_irte(struct dtest_ctx *t, struct vtdtest *v, unsigned cpu)
{
	/* The vector level's target as data: the full APIC ID, whatever its width. */
	struct irq_target tg = {0};
	int err = irq_domain_parent_target(v->remap, &tg);
	DT_EXPECT(t, err == 0, "CPU %u: parent target: %s", cpu, errno_name(err));
	struct vtd_irte_fields f;
	vtd_irte_decode(vtd_ir_get(v->vd->ir, v->remap->hwirq.v), v->vd->ir->eime, &f);
	DT_EXPECT(t, f.present, "CPU %u: IRTE not present", cpu);
	DT_EXPECT_EQ(t, v->vec->cpu.v, cpu);
	DT_EXPECT_EQ(t, tg.cpu.v, cpu);
	DT_EXPECT_EQ(t, f.vector, v->vec->hwirq.v);
	DT_EXPECT_EQ(t, f.dest, tg.dest_id);
	struct vtd_irte_fields src = {0};
	uint16_t arrives;
	vtdtest_source(v, &src, &arrives);
	DT_EXPECT_EQ(t, f.sid, src.sid);
	DT_EXPECT_EQ(t, f.svt, src.svt);
}

DTEST(vtd_affinity, .name = "vtd.affinity",
      .summary =
	      "irq_set_affinity rewrites the IRTE, the MSI capability is unchanged, delivery moves",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU | DTEST_NEED_IOMMU, .deadline_ms = 5000)
{
	struct vtdtest v;
	if (!vtdtest_open(t, &v, 0))
		goto out;
	struct msi_msg first;
	vtdtest_read_cap(&v, &first);
	unsigned n = arch_cpu_count();
	for (unsigned step = 0; step <= n; step++) {
		unsigned cpu = (step + 1) % n;
		int err = irq_set_affinity(v.s.virq, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "irq_set_affinity to CPU %u: %s", cpu, errno_name(err)))
			break;
		vtd_affinity_check_irte(t, &v, cpu);
		struct msi_msg held;
		vtdtest_read_cap(&v, &held);
		if (!msi_msg_eq(&held, &first))
			dtest_diag(t, "CPU %u: edu holds 0x%08x_%08x/0x%x, had 0x%08x_%08x/0x%x",
				   cpu, held.address_hi, held.address_lo, held.data,
				   first.address_hi, first.address_lo, first.data);
		DT_EXPECT(t, msi_msg_eq(&held, &first), "CPU %u: the device's message changed",
			  cpu);
		struct irqtest_snap before;
		irqtest_snap(&before, v.s.virq);
		uint64_t want = irqtest_hits(&v.s.counter) + 1;
		if (!irqtest_msi_fire(&v.s, want))
			dtest_diag(t, "CPU %u: the interrupt never came", cpu);
		if (!irqtest_expect_delta(t, "vtd.affinity", v.s.virq, &before, cpu, 1))
			break;
	}
out:
	vtdtest_close(&v);
}
