/* SPDX-License-Identifier: MIT */
/* vtd.exhaust: a full IRTE table answers -ENOSPC with every level rolled back. */
#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/irq/irq_matrix.h"
#include "kernel/msi_parent.h"
#include "kernel/test/dtest.h"

static uint32_t vtd_exhaust_vectors_free(void)
{
	struct irq_matrix *m = arch_irq_matrix();
	uint32_t n = 0;
	for (unsigned c = 0; m && c < arch_cpu_count(); c++)
		n += irq_matrix_free_count(m, IRQ_CPU(c));
	return n;
}

DTEST(vtd_exhaust, .name = "vtd.exhaust",
      .summary = "with two IRTEs left, allocating three fails with -ENOSPC and leaves nothing held",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_IOMMU, .deadline_ms = 1000)
{
	struct vtd_ir_domain *vd = vtd_ir_domain_state();
	if (!vd) {
		dtest_skip(t, "interrupt remapping is off: %s", vtd_ir_absent_reason());
		return;
	}
	uint32_t used = vd->ids.used;
	uint32_t old_limit = vtd_ir_domain_set_limit(vd, used + 2);
	uint32_t virqs = irq_virq_free_count(), pool = irq_pool_free_count();
	uint32_t vectors = vtd_exhaust_vectors_free();
	struct msi_dev msi;
	msi_dev_prepare_rid(&msi, vd->segment, 0x0008); /* the ids only: the domain is vd */
	struct irq_alloc_info info = {.cpu = IRQ_CPU_ANY, .ids = msi.ids};
	virq_t v = VIRQ_NONE, w = VIRQ_NONE;

	DT_EXPECT_EQ(t, irq_alloc(&vd->domain, 3, &info, &v), -ENOSPC);
	DT_EXPECT_EQ(t, vd->ids.used, used);
	DT_EXPECT_EQ(t, irq_virq_free_count(), virqs);
	DT_EXPECT_EQ(t, irq_pool_free_count(), pool);
	DT_EXPECT_EQ(t, vtd_exhaust_vectors_free(), vectors);

	/* Exactly two fit; the next one does not, and freeing gives them back. */
	int err = irq_alloc(&vd->domain, 2, &info, &v);
	DT_EXPECT(t, err == 0, "two IRTEs: %s", errno_name(err));
	DT_EXPECT_EQ(t, irq_alloc(&vd->domain, 1, &info, &w), -ENOSPC);
	if (!err)
		DT_EXPECT_EQ(t, irq_free(v, 2), 0);
	DT_EXPECT_EQ(t, vd->ids.used, used);
	DT_EXPECT_EQ(t, irq_virq_free_count(), virqs);
	DT_EXPECT_EQ(t, irq_pool_free_count(), pool);
	DT_EXPECT_EQ(t, vtd_exhaust_vectors_free(), vectors);
	vtd_ir_domain_set_limit(vd, old_limit);
}
