/* SPDX-License-Identifier: MIT */
#include "tests/guest/nested_test.h"

#include <string.h>

#include "drivers/irqchip/gic_its.h"
#include "drivers/pci/pci_msi.h"
#include "kernel/errno.h"

bool nested_open(struct dtest_ctx *t, struct nested_test *x, bool s2_only_ok)
{
	memset(x, 0, sizeof(*x));
	x->s = smmuv3_get();
	enum smmuv3_mode m = smmuv3_mode();
	if (m != SMMUV3_MODE_NESTED && !(s2_only_ok && m == SMMUV3_MODE_S2)) {
		dtest_skip(t, "the SMMUv3 is not %s (smmu=nested%s in the config)",
			   s2_only_ok ? "nested or stage-2 only" : "nested",
			   s2_only_ok ? " or s2" : "");
		return false;
	}
	x->d = itstest_domain(t);
	if (!x->d || !itstest_msi_open(t, x->d, &x->msi, &x->ev))
		return false;
	x->rid = pci_dev_rid(x->msi.edu.pci);
	int err = smmuv3_rid_to_sid(x->s, x->rid, &x->sid);
	if (!DT_EXPECT(t, err == 0, "edu (RID 0x%x) has no StreamID: %s", x->rid, errno_name(err)))
		return false;
	struct msi_msg m0;
	err = irq_msg(x->msi.virq, &m0);
	if (!DT_EXPECT(t, err == 0, "irq_msg: %s", errno_name(err)))
		return false;
	x->addr = msi_msg_address(&m0).v;
	x->doorbell = gic_its_translater(x->d->its);
	err = smmuv3_walk(x->s, x->sid, x->addr, &x->w);
	return DT_EXPECT(t, err == 0, "walk of 0x%llx: %s", (unsigned long long)x->addr,
			 errno_name(err));
}

void nested_close(struct nested_test *x)
{
	irqtest_msi_close(&x->msi);
}

bool nested_fire(struct nested_test *x, bool expect)
{
	uint64_t before = irqtest_hits(&x->msi.counter);
	edu_raise(&x->msi.edu, 1);
	if (expect)
		return irqtest_wait(&x->msi.counter, before + 1, IRQTEST_WAIT_US);
	irqtest_idle(ITSTEST_QUIET_US);
	return irqtest_hits(&x->msi.counter) != before;
}

void nested_edu_msi_addr(struct nested_test *x, uint32_t addr)
{
	struct pci_msi_info mi;
	if (!pci_msi_info(x->msi.edu.pci, &mi))
		pci_write32(x->msi.edu.pci, mi.offset + 4, addr);
}

const char *nested_design(const struct nested_test *x)
{
	if (!x->w.s1)
		return "s2-only";
	struct smmuv3_stream *st = smmuv3_stream_find(x->s, x->sid);
	return st && st->ctx && smmuv3_ctx_rmr_covers(st->ctx, x->addr) ? "rmr" : "direct";
}
