/* SPDX-License-Identifier: MIT */
/*
 * nested.doorbell: the design in one line. edu's MSI through its0 behind the
 * nested SMMUv3 (or stage 2 only): the address edu holds, the translations
 * the doorbell write takes (IOVA -> IPA at stage 1, IPA -> PA at stage 2),
 * whether an RMR was needed; the walk ends on GITS_TRANSLATER and K raises
 * deliver exactly K interrupts.
 */
#include <stdio.h>

#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "tests/guest/nested_test.h"

#define NESTED_K 20u

static void nested_report(struct nested_test *x)
{
	char walk[128];
	if (x->w.s1)
		snprintf(walk, sizeof(walk), "IOVA 0x%llx -> IPA 0x%llx -> PA 0x%llx",
			 (unsigned long long)x->w.in, (unsigned long long)x->w.ipa,
			 (unsigned long long)x->w.pa);
	else
		snprintf(walk, sizeof(walk), "IPA 0x%llx -> PA 0x%llx",
			 (unsigned long long)x->w.ipa, (unsigned long long)x->w.pa);
	const char *design = nested_design(x);
	fact("nested.design", "%s", design);
	fact("nested.device_addr", "0x%llx", (unsigned long long)x->addr);
	fact("nested.walk", "%s", walk);
	fact("nested.vmid", "%u", x->s->s2 ? x->s->s2->vmid : 0);
	struct smmuv3_stream *st = smmuv3_stream_find(x->s, x->sid);
	if (st && st->ctx)
		fact("nested.asid", "%u", st->ctx->asid);
	fact("nested.rmr", "%s", design[0] == 'r' ? "needed" : "not needed");
	kprintf("# nested: %s: edu holds 0x%llx; %s; %s\n", design, (unsigned long long)x->addr,
		walk, design[0] == 'r' ? "an RMR window, identity at stage 1" : "no RMR");
}

DTEST(nested_doorbell, .name = "nested.doorbell",
      .summary = "edu's MSI behind the nested SMMU walks IOVA -> IPA -> GITS_TRANSLATER and "
		 "delivers exactly; the design reported",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU | DTEST_NEED_EDU | DTEST_NEED_ITS,
      .deadline_ms = 5000)
{
	struct nested_test x;
	if (!nested_open(t, &x, true))
		goto out;
	DT_EXPECT(t, x.w.s2, "edu's stream does not translate at stage 2");
	DT_EXPECT_EQ(t, x.w.fault, 0);
	DT_EXPECT_EQ(t, x.w.pa, x.doorbell);
	if (x.w.s1)
		DT_EXPECT(t, x.w.ipa != x.w.pa,
			  "stage 1 gave the PA 0x%llx, not an IPA of the host's",
			  (unsigned long long)x.w.ipa);
	nested_report(&x);
	bool ok;
	uint64_t ticks;
	uint32_t got = irqtest_msi_lockstep(t, &x.msi, 0, NESTED_K, "nested.doorbell", &ticks, &ok);
	DT_EXPECT_EQ(t, got, NESTED_K);
out:
	nested_close(&x);
}
