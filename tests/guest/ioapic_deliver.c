/* SPDX-License-Identifier: MIT */
/*
 * ioapic.deliver: an HPET timer on an I/O APIC input, fired K times one-shot
 * (edge): exactly K on the CPU and vector the chain chose, none elsewhere;
 * the entry holds the remappable format with the IRTE's handle and vector
 * (VT-d §5.1.5.1) and that IRTE verifies the DMAR IOAPIC scope's source-id
 * (SVT 1, SQ 0, §9.10), or, without remapping, the compatibility format
 * with the CPU's APIC ID and the vector. Masked, a shot is not delivered;
 * unmasked again, the next one is.
 */
#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_ir_domain.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "tests/guest/ioapictest.h"

#define IOAPIC_DELIVER_K 200

static void ioapic_deliver_check_rte(struct dtest_ctx *t, struct ioapictest *s)
{
	uint64_t rte = ioapictest_rte(s);
	struct irq_data *top = irq_chain(s->virq);
	struct irq_data *vec = top;
	while (vec && vec->parent_data)
		vec = vec->parent_data;
	if (!DT_EXPECT(t, top && vec && top != vec, "chain of virq %u", s->virq.v))
		return;
	DT_EXPECT_EQ(t, rte & IOAPIC_RTE_VECTOR, vec->hwirq.v);
	DT_EXPECT_EQ(t, rte & IOAPIC_RTE_MASKED, 0);
	DT_EXPECT_EQ(t, rte & IOAPIC_RTE_LEVEL, 0);
	if (!s->d->remapped) {
		DT_EXPECT_EQ(t, rte & IOAPIC_RTE_REMAP, 0);
		DT_EXPECT_EQ(t, rte >> IOAPIC_RTE_DEST_SHIFT, arch_cpu_hw_id());
		return;
	}
	struct irq_data *remap = top->parent_data;
	uint16_t handle;
	DT_EXPECT(t, ioapic_rte_handle(rte, &handle), "entry 0x%016llx is not in remappable format",
		  (unsigned long long)rte);
	DT_EXPECT_EQ(t, handle, remap->hwirq.v);
	DT_EXPECT_EQ(t, (rte >> 17) & 0x7fffffffull, 0); /* 47:17 reserved */
	struct vtd_ir_domain *vd = remap->domain->priv;
	struct vtd_irte_fields f;
	vtd_irte_decode(vtd_ir_get(vd->ir, remap->hwirq.v), vd->ir->eime, &f);
	DT_EXPECT_EQ(t, f.svt, VTD_SVT_SID);
	DT_EXPECT_EQ(t, f.sq, 0);
	DT_EXPECT_EQ(t, f.sid, s->d->sid);
	DT_EXPECT_EQ(t, f.vector, vec->hwirq.v);
	kprintf("# ioapic.deliver: GSI %u entry 0x%016llx, IRTE %u SID %02x:%02x.%u SVT %u\n",
		s->gsi, (unsigned long long)rte, remap->hwirq.v, f.sid >> 8, (f.sid >> 3) & 0x1f,
		f.sid & 7, f.svt);
}

DTEST(ioapic_deliver, .name = "ioapic.deliver",
      .summary = "HPET on an I/O APIC input: exactly K edge interrupts on the chosen CPU and "
		 "vector; the entry's format and the IRTE's source-id; masked shots dropped",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_ACPI, .deadline_ms = 30000)
{
	struct ioapictest s;
	unsigned cpu = arch_cpu_current();
	if (!ioapictest_open(t, &s, false, cpu))
		goto out;
	kprintf("# ioapic.deliver: HPET timer %u -> GSI %u in %s (%s)\n", s.timer, s.gsi, s.d->name,
		s.d->remapped ? "remapped" : "direct");
	ioapic_deliver_check_rte(t, &s);
	struct irqtest_snap before;
	irqtest_snap(&before, s.virq);
	ioapictest_fault_clear(&s);
	if (!ioapictest_fire_n(t, &s, IOAPIC_DELIVER_K, "ioapic.deliver") && s.d->remapped) {
		/* Blocked by the IRTE? The fault record names the SID that really arrives. */
		uint16_t arrives;
		if (ioapictest_fault_explain(t, &s, s.d->sid, &arrives))
			DT_EXPECT(t, false,
				  "the DMAR IOAPIC scope's source-id %02x:%02x.%u is not what "
				  "I/O APIC id %u sends (%02x:%02x.%u)",
				  s.d->sid >> 8, (s.d->sid >> 3) & 0x1f, s.d->sid & 7, s.d->io.id,
				  arrives >> 8, (arrives >> 3) & 0x1f, arrives & 7);
	}
	irqtest_idle(2000); /* nothing more comes */
	if (!irqtest_expect_delta(t, "ioapic.deliver", s.virq, &before, cpu, IOAPIC_DELIVER_K))
		goto out;
	kprintf("# ioapic.deliver: %u of %u on CPU %u\n", IOAPIC_DELIVER_K, IOAPIC_DELIVER_K, cpu);

	/* Masked: an edge while masked is not delivered (82093AA §3.2.4, bit 16). */
	irqtest_snap(&before, s.virq);
	int err = irq_mask(s.virq);
	DT_EXPECT(t, err == 0, "irq_mask: %s", errno_name(err));
	DT_EXPECT(t, ioapictest_rte(&s) & IOAPIC_RTE_MASKED, "mask bit clear after irq_mask");
	uint64_t base = irqtest_hits(&s.counter);
	hpet_timer_arm(&s.hpet, s.timer, IOAPICTEST_SHOT_US);
	irqtest_idle(5000);
	DT_EXPECT_EQ(t, irqtest_hits(&s.counter), base);
	err = irq_unmask(s.virq);
	DT_EXPECT(t, err == 0, "irq_unmask: %s", errno_name(err));
	DT_EXPECT(t, ioapictest_fire(&s, base + 1), "the shot after unmask never came");
	irqtest_idle(2000);
	irqtest_expect_delta(t, "ioapic.deliver masked", s.virq, &before, cpu, 1);
out:
	ioapictest_close(&s);
}
