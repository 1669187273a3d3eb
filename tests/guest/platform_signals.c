/* SPDX-License-Identifier: MIT */
/*
 * platform.signals: the signals behind the verdict are read back from the
 * hardware and agree with what was reported: CPUID answers the same twice;
 * each DMAR unit is probed again and its CAP/ECAP are unchanged; each MADT
 * ITS answers or not as first seen; the verdict is "virtual" exactly when a
 * deciding signal was recorded; the IMS answer is the opt-in rule's.
 */
#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_probe.h"
#include "drivers/irqchip/gic_its_probe.h"
#include "kernel/errno.h"
#include "kernel/platform.h"
#include "kernel/test/dtest.h"

static void check_units(struct dtest_ctx *t, const struct platform_signals *s)
{
	for (unsigned i = 0; i < s->vtd_count; i++) {
		const struct signals_vtd_unit *u = &s->vtd[i];
		struct vtd_unit_id id;
		int err = u->base ? vtd_probe_unit(u->base, &id) : -EFAULT;
		DT_EXPECT_EQ(t, err == 0, u->answered);
		if (err || !u->answered)
			continue;
		DT_EXPECT_EQ(t, id.cap, u->cap);
		DT_EXPECT_EQ(t, id.ecap, u->ecap);
		/* VER_REG major 1 or more on every VT-d implementation (§11.4.1). */
		DT_EXPECT_GE(t, (id.ver >> 4) & 0xf, 1);
	}
	for (unsigned i = 0; i < s->its_count; i++) {
		struct gic_its_id id;
		int err = gic_its_probe(s->its[i].base, &id);
		DT_EXPECT_EQ(t, err == 0, s->its[i].answered);
		if (!err)
			DT_EXPECT_EQ(t, id.iidr, s->its[i].iidr);
	}
}

DTEST(platform_signals, .name = "platform.signals",
      .summary = "detection signals read again agree with the report; verdict follows them",
      .deadline_ms = 1000)
{
	const struct platform *p = platform_get();
	const struct platform_signals *s = &p->signals;
	struct arch_cpu_signals again;
	arch_cpu_signals(&again);
	DT_EXPECT_EQ(t, again.cpuid, s->cpu.cpuid);
	DT_EXPECT_EQ(t, again.hypervisor_bit, s->cpu.hypervisor_bit);
	DT_EXPECT_EQ(t, again.hv_leaf, s->cpu.hv_leaf);
	DT_EXPECT_EQ(t, again.smccc, s->cpu.smccc);
	DT_EXPECT_EQ(t, again.hyp_uid_valid, s->cpu.hyp_uid_valid);
	check_units(t, s);

	unsigned deciding = 0;
	for (unsigned i = 0; i < p->detect.count; i++)
		deciding += p->detect.signal[i].virt;
	DT_EXPECT_EQ(t, p->detect.kind == PLATFORM_VIRTUAL, deciding > 0);

	/* allowed = !virt || virt->supports(IMS) */
	bool virt = p->detect.kind != PLATFORM_BARE_METAL;
	bool allowed = !virt || policy_virt_supports_ims(s);
	DT_EXPECT_EQ(t, p->policy.ims != POLICY_IMS_REFUSED, allowed);
	if (allowed)
		DT_EXPECT_EQ(t, p->policy.ims,
			     p->policy.intremap == POLICY_ON ? POLICY_IMS_REMAPPED
							     : POLICY_IMS_NATIVE);
}
