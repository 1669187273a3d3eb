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
#include "drivers/iommu/vtd/vtd_fault.h"
#include "drivers/iommu/vtd/vtd_fault_domain.h"
#include "drivers/iommu/vtd/vtd_ir_domain.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/iommu/vtd/vtd_regs.h"
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

#define HPET_FSB_FR_SID 0x26 /* VT-d §7.1.3: source-id verification failed */

static struct vtd_ir_domain *hpet_fsb_unit(virq_t virq)
{
	struct irq_data *top = irq_chain(virq);
	return hpet_fsb_domain.remapped && top && top->parent_data ? top->parent_data->domain->priv
								   : 0;
}

static uint64_t hpet_fsb_fault_clear(virq_t virq)
{
	struct vtd_ir_domain *vd = hpet_fsb_unit(virq);
	struct vtd_fault_report r;
	if (vd)
		vtd_fault_read(&vd->ir->unit, &r);
	struct vtd_fault_domain *fd = vtd_fault_domain_state();
	return fd ? vtd_fault_events(fd) : 0;
}

/*
 * The first remapped shot never came: a source-id fault names the SID the
 * HPET's messages carry against the DMAR HPET scope's (a wrong scope); no
 * record at all means the message never reached the unit.
 */
static void hpet_fsb_explain(struct dtest_ctx *t, virq_t virq, uint64_t events)
{
	struct vtd_ir_domain *vd = hpet_fsb_unit(virq);
	if (!vd)
		return;
	struct vtd_fault_domain *fd = vtd_fault_domain_state();
	struct vtd_fault_report r;
	if (fd && vtd_fault_events(fd) != events)
		r = fd->last;
	else
		vtd_fault_read(&vd->ir->unit, &r);
	vtd_fault_print(&r);
	uint16_t want = hpet_fsb_domain.sid;
	for (unsigned i = 0; i < r.count; i++) {
		if (r.rec[i].reason != HPET_FSB_FR_SID)
			continue;
		uint16_t got = r.rec[i].sid;
		DT_EXPECT(t, false,
			  "DMAR HPET scope for HPET %u names %02x:%02x.%u; its MSIs arrive as "
			  "%02x:%02x.%u",
			  hpet_fsb_hpet.number, want >> 8, (want >> 3) & 0x1f, want & 7, got >> 8,
			  (got >> 3) & 0x1f, got & 7);
		return;
	}
	if (!r.count && !(r.fsts & VTD_FSTS_PPF))
		dtest_gap(t, GAP_HPET_FSB_BYPASS,
			  "no interrupt and no fault record: the HPET's remappable message never "
			  "reached the remapping unit");
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
	uint64_t events = hpet_fsb_fault_clear(virq);
	if (!hpet_fsb_fire_n(t, &c, HPET_FSB_K, timer) && !irqtest_hits(&c)) {
		hpet_fsb_explain(t, virq, events);
		goto out;
	}
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
