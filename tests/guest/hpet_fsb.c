/* SPDX-License-Identifier: MIT */
/*
 * hpet.fsb: an HPET timer with FSB delivery (Tn_FSB_INT_DEL_CAP) as its own
 * MSI-like bus domain, fired K times one-shot: exactly K on the chosen CPU
 * and vector, none elsewhere, and then K on CPU 1 after a move. Under
 * remapping its domain sits on the unit its DMAR HPET scope names, and the
 * IRTE verifies that scope's source-id (SVT 1, VT-d §9.10); with remapping
 * on and no HPET scope the domain is refused (the SKIP gives the reason).
 */
#include "arch/hooks.h"
#include "drivers/hpet/hpet_msi_domain.h"
#include "drivers/hpet/hpet_regs.h"
#include "drivers/iommu/vtd/vtd_ir_domain.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "tests/guest/irqtest.h"

#define HPET_FSB_K       200
#define HPET_FSB_SHOT_US 50

static struct hpet hpet_fsb_hpet;
static struct hpet_msi_domain hpet_fsb_domain;
static bool hpet_fsb_domain_up;
static const char *hpet_fsb_refused;

static bool hpet_fsb_fire_n(struct dtest_ctx *t, struct irqtest_counter *c, unsigned n,
			    unsigned timer)
{
	uint64_t base = irqtest_hits(c);
	for (unsigned k = 1; k <= n; k++) {
		hpet_timer_arm(&hpet_fsb_hpet, timer, HPET_FSB_SHOT_US);
		if (!irqtest_wait(c, base + k, IRQTEST_WAIT_US)) {
			dtest_diag(t, "hpet.fsb: interrupt %u of %u never came (counted %llu)", k,
				   n, (unsigned long long)(irqtest_hits(c) - base));
			return false;
		}
	}
	return true;
}

static void hpet_fsb_check_irte(struct dtest_ctx *t, virq_t virq)
{
	if (!hpet_fsb_domain.remapped)
		return;
	struct irq_data *remap = irq_chain(virq)->parent_data;
	struct vtd_ir_domain *vd = remap->domain->priv;
	struct vtd_irte_fields f;
	vtd_irte_decode(vtd_ir_get(vd->ir, remap->hwirq.v), vd->ir->eime, &f);
	DT_EXPECT_EQ(t, f.svt, VTD_SVT_SID);
	DT_EXPECT_EQ(t, f.sq, 0);
	DT_EXPECT_EQ(t, f.sid, hpet_fsb_domain.sid);
}

DTEST(hpet_fsb, .name = "hpet.fsb",
      .summary = "an HPET timer's FSB (MSI) delivery as a bus domain: exactly K on the chosen "
		 "CPU, then K on CPU 1 after a move",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_ACPI, .deadline_ms = 30000)
{
	const char *why;
	if (hpet_init(&hpet_fsb_hpet, &why)) {
		dtest_skip(t, "%s", why);
		return;
	}
	unsigned timer = hpet_fsb_hpet.timers;
	for (unsigned n = 0; n < hpet_fsb_hpet.timers && timer == hpet_fsb_hpet.timers; n++)
		if (hpet_timer_caps(&hpet_fsb_hpet, n) & HPET_TN_FSB_CAP)
			timer = n;
	if (timer == hpet_fsb_hpet.timers) {
		dtest_skip(t, "no HPET timer has FSB delivery (Tn_FSB_INT_DEL_CAP)");
		return;
	}
	if (!hpet_fsb_domain_up && !hpet_fsb_refused) {
		int err = hpet_msi_domain_create(&hpet_fsb_domain, &hpet_fsb_hpet, &why);
		if (err == -EOPNOTSUPP)
			hpet_fsb_refused = why;
		else if (!DT_EXPECT(t, err == 0, "hpet domain: %s (%s)", errno_name(err), why))
			return;
		hpet_fsb_domain_up = !err;
	}
	if (hpet_fsb_refused) {
		kprintf("# hpet.fsb: HPET %u's MSIs refused: %s\n", hpet_fsb_hpet.number,
			hpet_fsb_refused);
		dtest_skip(t, "%s", hpet_fsb_refused);
		return;
	}
	unsigned cpu = arch_cpu_current();
	struct irqtest_counter c = {0};
	struct irq_alloc_info info;
	hpet_msi_alloc_info(&hpet_fsb_domain, timer, IRQ_CPU(cpu), &info);
	virq_t virq;
	int err = irq_alloc(&hpet_fsb_domain.domain, 1, &info, &virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc timer %u: %s", timer, errno_name(err)))
		return;
	err = irq_set_handler(virq, irqtest_handler, &c);
	if (!err)
		err = irq_activate(virq);
	if (!err)
		err = irq_unmask(virq);
	if (!DT_EXPECT(t, err == 0, "activate/unmask: %s", errno_name(err)))
		goto out;
	hpet_fsb_check_irte(t, virq);
	struct msi_msg m = {0};
	irq_msg(virq, &m);
	kprintf("# hpet.fsb: timer %u in %s (%s), message 0x%08x:0x%08x\n", timer,
		hpet_fsb_domain.name, hpet_fsb_domain.remapped ? "remapped" : "direct",
		m.address_lo, m.data);
	struct irqtest_snap before;
	irqtest_snap(&before, virq);
	hpet_fsb_fire_n(t, &c, HPET_FSB_K, timer);
	irqtest_idle(2000);
	if (!irqtest_expect_delta(t, "hpet.fsb", virq, &before, cpu, HPET_FSB_K))
		goto out;
	kprintf("# hpet.fsb: %u of %u on CPU %u\n", HPET_FSB_K, HPET_FSB_K, cpu);
	if (arch_cpu_count() < 2)
		goto out;
	err = irq_set_affinity(virq, IRQ_CPU(1));
	if (!DT_EXPECT(t, err == 0, "irq_set_affinity to CPU 1: %s", errno_name(err)))
		goto out;
	irqtest_snap(&before, virq);
	hpet_fsb_fire_n(t, &c, HPET_FSB_K, timer);
	irqtest_idle(2000);
	if (irqtest_expect_delta(t, "hpet.fsb CPU 1", virq, &before, 1, HPET_FSB_K))
		kprintf("# hpet.fsb: %u of %u on CPU 1\n", HPET_FSB_K, HPET_FSB_K);
out:
	hpet_timer_stop(&hpet_fsb_hpet, timer);
	irq_free(virq, 1);
}
