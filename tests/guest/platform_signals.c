/* SPDX-License-Identifier: MIT */
/*
 * platform.signals: the signals behind the verdict are read back from the
 * hardware and agree with what was reported: CPUID answers the same twice;
 * the arch's drivers probe the units again: each DMAR unit answers with
 * CAP/ECAP unchanged, each MADT ITS answers or not as first seen; the
 * verdict is "virtual" exactly when a deciding signal was recorded; the IMS
 * answer is the opt-in rule's.
 */
#include "arch/hooks.h"
#include "kernel/platform.h"
#include "kernel/platform_drivers.h"
#include "kernel/test/dtest.h"

/* The arch's drivers probe the units of the tables again, into a copy of s. */
static void check_units(struct dtest_ctx *t, const struct platform *p)
{
	const struct platform_signals *s = &p->signals;
	static struct platform_signals again;
	again = *s;
	again.vtd_count = again.its_count = 0;
	if (p->have_acpi)
		arch_platform_drivers.probe_units(&again, &p->parsed);
	DT_EXPECT_EQ(t, again.vtd_count, s->vtd_count);
	for (unsigned i = 0; i < s->vtd_count && i < again.vtd_count; i++) {
		const struct signals_vtd_unit *u = &s->vtd[i], *n = &again.vtd[i];
		DT_EXPECT_EQ(t, n->answered, u->answered);
		if (!n->answered || !u->answered)
			continue;
		DT_EXPECT_EQ(t, n->cap, u->cap);
		DT_EXPECT_EQ(t, n->ecap, u->ecap);
		/* VER_REG major 1 or more on every VT-d implementation (§11.4.1). */
		DT_EXPECT_GE(t, (n->ver >> 4) & 0xf, 1);
	}
	DT_EXPECT_EQ(t, again.its_count, s->its_count);
	for (unsigned i = 0; i < s->its_count && i < again.its_count; i++) {
		DT_EXPECT_EQ(t, again.its[i].answered, s->its[i].answered);
		if (again.its[i].answered)
			DT_EXPECT_EQ(t, again.its[i].iidr, s->its[i].iidr);
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
	check_units(t, p);

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
