/* SPDX-License-Identifier: MIT */
/*
 * ims.forged: a slot whose content the IMS domain did not compose must not
 * be delivered when interrupt remapping is on. The forged slots are written
 * straight into the device (ims_edu_store_slot), as a buggy or hostile
 * driver could, and fired by the device like any other:
 *   - remappable format naming an IRTE that is not present (VT-d §5.1.4.1);
 *   - remappable format with a handle past the table;
 *   - compatibility format aimed at a live slot's own vector and CPU,
 *     blocked only while GCMD.CFI is clear (VT-d §5.1.2.1): QEMU ignores
 *     CFI (known gap qemu-vtd-cfi), so a delivery there is a TODO.
 * Each is followed by the live slot as the positive control: it shows the
 * device still delivers, and its arrival ends the wait for the forged one.
 */
#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_ir_domain.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/iommu/vtd/vtd_irte.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "tests/guest/imstest.h"

enum { SLOT_LIVE = 0, SLOT_FORGED = 5 };

DTEST(ims_forged, .name = "ims.forged",
      .summary = "forged IMS slot contents (absent IRTE, handle past the table, compatibility "
		 "format) are not delivered under remapping",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU, .deadline_ms = 30000)
{
	struct imstest *s = imstest_get();
	struct vtd_ir_domain *vd = vtd_ir_domain_state();
	if (!vd) {
		dtest_skip(t, "no interrupt remapping: a forged compatibility-format slot is an "
			      "ordinary MSI here, nothing can block it");
		return;
	}
	if (!imstest_open(t, s))
		goto out;
	if (!DT_EXPECT(t, s->im.domain.parent == &vd->domain, "IMS domain is not on %s",
		       vd->domain.name))
		goto out;
	if (!imstest_slot(t, s, SLOT_LIVE, 0))
		goto out;
	imstest_fire(t, s, SLOT_LIVE, 1, "live slot");

	/* The highest IRTE nobody holds: not present. */
	uint32_t spare = 0;
	for (uint32_t i = vd->ir->count; i-- > 1;)
		if (!irq_idalloc_is_used(&vd->ids, i)) {
			spare = i;
			break;
		}
	struct msi_msg m;
	vtd_msi_compose_remappable((uint16_t)spare, &m);
	DT_EXPECT_EQ(t, imstest_forged_shot(t, s, SLOT_FORGED, SLOT_LIVE, "IRTE not present", &m),
		     0);

	if (vd->ir->count < 65536) {
		vtd_msi_compose_remappable((uint16_t)vd->ir->count, &m);
		DT_EXPECT_EQ(t,
			     imstest_forged_shot(t, s, SLOT_FORGED, SLOT_LIVE,
						 "handle past the table", &m),
			     0);
	}

	/* The live slot's vector and CPU in compatibility format. */
	struct irq_data *top = irq_chain(s->virq[SLOT_LIVE]);
	struct irq_data *vec = top;
	while (vec && vec->parent_data)
		vec = vec->parent_data;
	int err = vec ? vec->domain->ops->compose(vec, &m) : -ENOENT;
	if (DT_EXPECT(t, err == 0, "vector compose: %s", errno_name(err))) {
		uint64_t got = imstest_forged_shot(t, s, SLOT_FORGED, SLOT_LIVE,
						   "compatibility format", &m);
		if (got && !vd->ir->cfi)
			dtest_gap(t, GAP_VTD_CFI_IGNORED,
				  "a forged compatibility-format IMS message was delivered with "
				  "CFI clear");
		else
			DT_EXPECT_EQ(t, got, 0);
	}
out:
	imstest_close(s);
}
