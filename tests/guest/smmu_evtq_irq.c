/* SPDX-License-Identifier: MIT */
/*
 * smmu.evtq_irq: the event queue is drained by its wired interrupt. The
 * interrupt is a chain of two levels, "smmuv3-evtq" on the wired domain,
 * both with the IORT's event GSIV as hwirq; the GIC holds the SPI enabled,
 * edge-triggered and routed to the CPU the core says. A write by edu to an
 * unmapped IOVA of a stage-1 context makes the unit record F_TRANSLATION;
 * the test then only waits, with interrupts enabled, for the event log to
 * grow: it never drains the queue itself. The interrupt's count rises by
 * at least one (QEMU pulses the line once per record; pulses that meet a
 * pending edge merge) on CPU 0 only, the record names edu's StreamID and
 * the IOVA, and the queue is empty afterwards (CONS = PROD).
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/irqtest.h"
#include "tests/guest/smmu_test.h"

#define EVTQ_IRQ_FAULT_LEN 64u
#define EVTQ_IRQ_WAIT_US   500000u
#define EVTQ_IRQ_SETTLE_US 5000u

static uint64_t evtq_irq_total(const struct smmuv3 *s)
{
	return __atomic_load_n(&s->events.total, __ATOMIC_ACQUIRE);
}

/* With interrupts enabled until the log holds more than `since` events: true when it did. */
static bool evtq_irq_wait_log(const struct smmuv3 *s, uint64_t since, uint64_t us)
{
	deadline_t d = deadline_in_us(us);
	bool grew;
	arch_irq_enable();
	while (!(grew = evtq_irq_total(s) > since) && !deadline_passed(d))
		arch_cpu_relax();
	arch_irq_disable();
	return grew;
}

static void evtq_irq_chain(struct dtest_ctx *t, const struct smmuv3 *s, virq_t virq)
{
	struct irq_data *top = irq_chain(virq);
	if (!DT_EXPECT(t, top != 0, "event virq %u has no chain", virq.v))
		return;
	DT_EXPECT(t, !strcmp(top->domain->name, "smmuv3-evtq"), "top level %s", top->domain->name);
	DT_EXPECT_EQ(t, top->hwirq.v, s->event_gsiv);
	struct irq_data *wired = top->parent_data;
	if (!DT_EXPECT(t, wired && wired->domain == arch_wired_irq_domain() && !wired->parent_data,
		       "the event interrupt does not sit directly on the wired domain"))
		return;
	DT_EXPECT_EQ(t, wired->hwirq.v, s->event_gsiv);
	DT_EXPECT_EQ(t, irq_affinity(virq).v, 0);
	struct arch_wired_irq_hw hw;
	DT_EXPECT_EQ(t, arch_wired_irq_hw(s->event_gsiv, &hw), 0);
	DT_EXPECT(t, hw.enabled && hw.edge && hw.normal,
		  "GSIV %u: enabled %d edge %d normal (Group 1) %d, want all", s->event_gsiv,
		  hw.enabled, hw.edge, hw.normal);
	DT_EXPECT_EQ(t, hw.target, arch_cpu_hw_id()); /* the test runs on CPU 0 */
	DT_EXPECT_EQ(t, smmuv3_read32(s, SMMUV3_IRQ_CTRL) & SMMUV3_IRQ_CTRL_EVENTQ_IRQEN,
		     SMMUV3_IRQ_CTRL_EVENTQ_IRQEN);
}

/* The records since `since`: a F_TRANSLATION for sid at iova, every one inside the write. */
static void evtq_irq_records(struct dtest_ctx *t, struct smmuv3 *s, uint64_t since, uint32_t sid,
			     uint64_t iova)
{
	bool found = false;
	unsigned long flags = arch_irq_save(); /* the handler writes the ring on this CPU */
	const struct smmuv3_event_log *l = &s->events;
	uint64_t n = l->total - since;
	for (uint64_t i = since; i < l->total && l->total - i <= SMMUV3_EVENT_LOG; i++) {
		const struct smmuv3_event *e = &l->ring[i % SMMUV3_EVENT_LOG];
		found |= e->type == SMMUV3_EVT_F_TRANSLATION && e->sid == sid && e->addr == iova;
		DT_EXPECT(t,
			  e->type == SMMUV3_EVT_F_TRANSLATION && e->sid == sid && e->addr >= iova &&
				  e->addr < iova + EVTQ_IRQ_FAULT_LEN,
			  "event %s sid 0x%x addr 0x%llx outside the faulting write",
			  smmuv3_event_name(e->type), e->sid, (unsigned long long)e->addr);
	}
	arch_irq_restore(flags);
	DT_EXPECT_GE(t, n, 1);
	DT_EXPECT_LE(t, n, EVTQ_IRQ_FAULT_LEN / 4); /* QEMU 7.2: one per 4-byte retry */
	DT_EXPECT(t, found, "no F_TRANSLATION for StreamID 0x%x IOVA 0x%llx among %llu events", sid,
		  (unsigned long long)iova, (unsigned long long)n);
}

DTEST(smmu_evtq_irq, .name = "smmu.evtq_irq",
      .summary = "an F_TRANSLATION reaches the event log through the event queue's wired "
		 "interrupt (SPI at the IORT's GSIV), without the test draining the queue",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU | DTEST_NEED_EDU | DTEST_NEED_WIRED,
      .deadline_ms = 8000)
{
	struct smmu_test x;
	struct smmuv3_ctx *c = 0;
	if (!smmu_test_open(t, &x, 1))
		goto out;
	virq_t virq = smmuv3_evtq_irq_virq();
	if (!DT_EXPECT(t, x.s->evtq_irq && virq_valid(virq), "event queue %s: %s",
		       smmuv3_evtq_irq_state(), smmuv3_evtq_irq_reason()))
		goto out;
	evtq_irq_chain(t, x.s, virq);
	int err = smmuv3_ctx_get(x.s, x.sid, &c);
	if (!DT_EXPECT(t, err == 0, "context for StreamID 0x%x: %s", x.sid, errno_name(err)))
		goto out;
	uint64_t iova = x.page[0]; /* were it bypassed, the write would land in this page */
	if (smmuv3_pgt_lookup(&c->pgt, iova, 0, 0) != -ENOENT) {
		dtest_error(t, "IOVA 0x%llx is mapped already", (unsigned long long)iova);
		goto out;
	}

	/* What earlier tests left pending is taken by the interrupt now, not by a drain. */
	irqtest_idle(EVTQ_IRQ_SETTLE_US);
	struct irqtest_snap before;
	irqtest_snap(&before, virq);
	uint64_t since = evtq_irq_total(x.s);
	err = edu_dma_to_ram(&x.edu, 0x100, iova, EVTQ_IRQ_FAULT_LEN, SMMU_TEST_DMA_US);
	DT_EXPECT(t, err == 0, "DMA to the unmapped IOVA: %s", errno_name(err));
	bool grew = evtq_irq_wait_log(x.s, since, EVTQ_IRQ_WAIT_US);
	DT_EXPECT(t, grew,
		  "no event logged within %u us of the faulting DMA (queue PROD 0x%x CONS "
		  "0x%x)",
		  EVTQ_IRQ_WAIT_US, smmuv3_read32(x.s, SMMUV3_EVENTQ_PROD),
		  smmuv3_read32(x.s, SMMUV3_EVENTQ_CONS));
	irqtest_idle(EVTQ_IRQ_SETTLE_US); /* the rest of the write's records */
	uint64_t got = irq_count(virq, IRQ_CPU(0)) - before.count[0];
	DT_EXPECT_GE(t, got, 1);
	DT_EXPECT_LE(t, got, EVTQ_IRQ_FAULT_LEN / 4);
	fact("smmuv3.evtq_irqs_per_64b_write", "%llu", (unsigned long long)got);
	for (unsigned cpu = 1; cpu < before.cpus; cpu++)
		DT_EXPECT_EQ(t, irq_count(virq, IRQ_CPU(cpu)) - before.count[cpu], 0);
	if (grew)
		evtq_irq_records(t, x.s, since, x.sid, iova);
	uint32_t prod = smmuv3_read32(x.s, SMMUV3_EVENTQ_PROD);
	uint32_t cons = smmuv3_read32(x.s, SMMUV3_EVENTQ_CONS);
	uint32_t wrap_idx = (2u << x.s->evtq_log2) - 1; /* index and wrap bit (§3.5) */
	DT_EXPECT(t, (prod & wrap_idx) == (cons & wrap_idx),
		  "queue not drained: PROD 0x%x CONS 0x%x", prod, cons);
	DT_EXPECT(t, smmu_test_untouched(x.page[0], 0x1000, 0xa5) < 0,
		  "the page at the IOVA's physical address changed");
out:
	if (c)
		smmuv3_ctx_put(c);
	smmu_test_close(&x);
}
