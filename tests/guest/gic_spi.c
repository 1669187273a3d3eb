/* SPDX-License-Identifier: MIT */
/*
 * gic.spi: the wired domain (arm64: GICv3 SPIs, hwirq = INTID = GSIV) on
 * the highest INTID the distributor implements, which QEMU virt wires to
 * nothing (its devices end at SPI 175, INTID 207; GICD_TYPER gives 288).
 * The line is pulsed by making it pending in the distributor
 * (arch_wired_irq_raise: GICD_ISPENDR). On every online CPU in turn: the
 * routing register names that CPU's affinity and one raise is one
 * interrupt there, none elsewhere. Masked, two raises are held as one
 * pending edge and unmasking delivers it exactly once. The domain refuses
 * an INTID below 32 or beyond the distributor (-EINVAL) and a taken one
 * (-EBUSY, all or nothing for a range); freed, the INTID is disabled, not
 * pending, and can be allocated again.
 */
#include <stdio.h>

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "tests/guest/irqtest.h"

#define GIC_SPI_WAIT_US   IRQTEST_WAIT_US
#define GIC_SPI_SETTLE_US 2000
#define GIC_SPI_CALL_US   100000

static void gic_spi_hw_id(void *arg)
{
	*(uint64_t *)arg = arch_cpu_hw_id();
}

/* cpu's hardware ID as cpu itself reads it (arm64: MPIDR Aff3..Aff0 = GICD_IROUTER's form). */
static int gic_spi_cpu_id(unsigned cpu, uint64_t *id)
{
	return arch_cpu_call(cpu, gic_spi_hw_id, id, GIC_SPI_CALL_US);
}

static int gic_spi_alloc(uint32_t intid, uint32_t nr, unsigned cpu, virq_t *virq)
{
	struct irq_alloc_info info = {.cpu = IRQ_CPU(cpu), .index = HWIRQ(intid)};
	*virq = VIRQ_NONE;
	return irq_alloc(arch_wired_irq_domain(), nr, &info, virq);
}

/* Raise once (or twice), wait for want more handler runs, settle, check the per-CPU counts. */
static bool gic_spi_deliver(struct dtest_ctx *t, const char *label, virq_t virq, uint32_t intid,
			    struct irqtest_counter *c, unsigned cpu)
{
	struct irqtest_snap before;
	irqtest_snap(&before, virq);
	uint64_t want = irqtest_hits(c) + 1;
	int err = arch_wired_irq_raise(intid);
	if (!DT_EXPECT(t, err == 0, "%s: raising INTID %u: %s", label, intid, errno_name(err)))
		return false;
	bool ok = irqtest_wait(c, want, GIC_SPI_WAIT_US);
	DT_EXPECT(t, ok, "%s: INTID %u did not arrive within %u us", label, intid, GIC_SPI_WAIT_US);
	irqtest_idle(GIC_SPI_SETTLE_US);
	ok = irqtest_expect_delta(t, label, virq, &before, cpu, 1) && ok;
	DT_EXPECT_EQ(t, irqtest_hits(c), want);
	DT_EXPECT_EQ(t, c->last_cpu.v, cpu);
	return ok;
}

static void gic_spi_refusals(struct dtest_ctx *t, uint32_t top)
{
	virq_t v;
	uint32_t virqs = irq_virq_free_count(), pool = irq_pool_free_count();
	DT_EXPECT_EQ(t, gic_spi_alloc(31, 1, 0, &v), -EINVAL); /* a PPI */
	DT_EXPECT_EQ(t, gic_spi_alloc(0, 1, 0, &v), -EINVAL);  /* an SGI */
	DT_EXPECT_EQ(t, gic_spi_alloc(top + 1, 1, 0, &v), -EINVAL);
	DT_EXPECT_EQ(t, gic_spi_alloc(1020, 1, 0, &v), -EINVAL); /* special INTIDs */
	DT_EXPECT_EQ(t, gic_spi_alloc(top, 1, 0, &v), -EBUSY);
	/* A range ending on the taken INTID: nothing of it stays allocated. */
	DT_EXPECT_EQ(t, gic_spi_alloc(top - 1, 2, 0, &v), -EBUSY);
	DT_EXPECT_EQ(t, irq_virq_free_count(), virqs);
	DT_EXPECT_EQ(t, irq_pool_free_count(), pool);
	int err = gic_spi_alloc(top - 1, 1, 0, &v);
	if (DT_EXPECT(t, err == 0, "INTID %u after the refused range: %s", top - 1,
		      errno_name(err)))
		DT_EXPECT_EQ(t, irq_free(v, 1), 0);
	DT_EXPECT_EQ(t, arch_wired_irq_raise(31), -EINVAL);
	DT_EXPECT_EQ(t, arch_wired_irq_raise(top + 1), -EINVAL);
}

/* On every online CPU: IROUTER follows set_affinity, one raise is one interrupt there only. */
static void gic_spi_each_cpu(struct dtest_ctx *t, virq_t virq, uint32_t intid,
			     struct irqtest_counter *c)
{
	unsigned cpus = arch_cpu_count();
	for (unsigned cpu = 0; cpu < cpus; cpu++) {
		char label[32];
		snprintf(label, sizeof(label), "CPU %u", cpu);
		int err = irq_set_affinity(virq, IRQ_CPU(cpu));
		if (!DT_EXPECT(t, err == 0, "moving INTID %u to CPU %u: %s", intid, cpu,
			       errno_name(err)))
			continue;
		DT_EXPECT_EQ(t, irq_affinity(virq).v, cpu);
		uint64_t id = 0;
		err = gic_spi_cpu_id(cpu, &id);
		DT_EXPECT(t, err == 0, "CPU %u's hardware ID: %s", cpu, errno_name(err));
		struct arch_wired_irq_hw hw;
		DT_EXPECT_EQ(t, arch_wired_irq_hw(intid, &hw), 0);
		DT_EXPECT(t, hw.target == id, "INTID %u routed to 0x%llx, CPU %u is 0x%llx", intid,
			  (unsigned long long)hw.target, cpu, (unsigned long long)id);
		DT_EXPECT(t, hw.enabled, "INTID %u disabled after the move to CPU %u", intid, cpu);
		gic_spi_deliver(t, label, virq, intid, c, cpu);
	}
}

/* Masked: two raises are one pending edge, held; unmask delivers it once. */
static void gic_spi_masked(struct dtest_ctx *t, virq_t virq, uint32_t intid,
			   struct irqtest_counter *c)
{
	unsigned cpu = irq_affinity(virq).v;
	struct arch_wired_irq_hw hw;
	DT_EXPECT_EQ(t, irq_mask(virq), 0);
	DT_EXPECT_EQ(t, arch_wired_irq_hw(intid, &hw), 0);
	DT_EXPECT_EQ(t, hw.enabled, 0);
	struct irqtest_snap before;
	irqtest_snap(&before, virq);
	uint64_t hits = irqtest_hits(c);
	DT_EXPECT_EQ(t, arch_wired_irq_raise(intid), 0);
	DT_EXPECT_EQ(t, arch_wired_irq_raise(intid), 0);
	irqtest_idle(GIC_SPI_SETTLE_US * 5);
	DT_EXPECT_EQ(t, irqtest_hits(c), hits);
	DT_EXPECT_EQ(t, arch_wired_irq_hw(intid, &hw), 0);
	DT_EXPECT(t, hw.pending, "INTID %u masked and raised: not pending", intid);
	DT_EXPECT_EQ(t, irq_unmask(virq), 0);
	DT_EXPECT(t, irqtest_wait(c, hits + 1, GIC_SPI_WAIT_US),
		  "the held INTID %u did not arrive on unmask", intid);
	irqtest_idle(GIC_SPI_SETTLE_US);
	irqtest_expect_delta(t, "unmask", virq, &before, cpu, 1);
	DT_EXPECT_EQ(t, irqtest_hits(c), hits + 1);
	DT_EXPECT_EQ(t, arch_wired_irq_hw(intid, &hw), 0);
	DT_EXPECT_EQ(t, hw.pending, 0);
	DT_EXPECT_EQ(t, hw.enabled, 1);
}

/* Allocate, hook, activate (still masked: disabled), unmask: 0 or the errno. */
static int gic_spi_open(struct dtest_ctx *t, uint32_t intid, struct irqtest_counter *c,
			virq_t *virq)
{
	int err = gic_spi_alloc(intid, 1, 0, virq);
	if (!DT_EXPECT(t, err == 0, "allocating INTID %u: %s", intid, errno_name(err)))
		return err;
	err = irq_set_handler(*virq, irqtest_handler, c);
	if (!err)
		err = irq_activate(*virq);
	struct arch_wired_irq_hw hw;
	if (!err && !arch_wired_irq_hw(intid, &hw)) {
		DT_EXPECT(t, hw.edge, "INTID %u is level-triggered", intid);
		DT_EXPECT(t, hw.normal, "INTID %u is not in Group 1 (an ordinary IRQ)", intid);
		DT_EXPECT(t, !hw.enabled, "INTID %u enabled while masked", intid);
		DT_EXPECT(t, hw.priority != 0xff, "INTID %u at priority 0xff: never signalled",
			  intid);
	}
	if (!err)
		err = irq_unmask(*virq);
	if (!DT_EXPECT(t, err == 0, "setting up INTID %u: %s", intid, errno_name(err))) {
		irq_free(*virq, 1);
		*virq = VIRQ_NONE;
	}
	return err;
}

DTEST(gic_spi, .name = "gic.spi",
      .summary = "wired domain: an unused SPI delivered once on each CPU it is moved to (IROUTER "
		 "= the CPU's affinity), held while masked, -EINVAL / -EBUSY, freed and reused",
      .needs = DTEST_NEED_WIRED, .deadline_ms = 10000)
{
	struct irq_domain *d = arch_wired_irq_domain();
	uint32_t top = d->revmap_base + d->revmap_size - 1;
	uint32_t virqs = irq_virq_free_count(), pool = irq_pool_free_count();
	fact("gic.spi_test_intid", "%u", top);
	struct arch_wired_irq_hw hw;
	DT_EXPECT_EQ(t, arch_wired_irq_hw(top, &hw), 0);
	DT_EXPECT(t, !hw.enabled && !hw.pending, "INTID %u is in use: enabled %d pending %d", top,
		  hw.enabled, hw.pending);

	struct irqtest_counter c = {0};
	virq_t virq;
	if (gic_spi_open(t, top, &c, &virq))
		return;
	gic_spi_refusals(t, top);
	gic_spi_each_cpu(t, virq, top, &c);
	gic_spi_masked(t, virq, top, &c);
	DT_EXPECT_EQ(t, irq_free(virq, 1), 0);
	DT_EXPECT_EQ(t, arch_wired_irq_hw(top, &hw), 0);
	DT_EXPECT(t, !hw.enabled && !hw.pending, "freed INTID %u: enabled %d pending %d", top,
		  hw.enabled, hw.pending);

	/* Freed: the same INTID again, on CPU 0, delivers once more. */
	struct irqtest_counter c2 = {0};
	if (!gic_spi_open(t, top, &c2, &virq)) {
		gic_spi_deliver(t, "re-allocated", virq, top, &c2, 0);
		DT_EXPECT_EQ(t, irq_free(virq, 1), 0);
	}
	DT_EXPECT_EQ(t, irq_virq_free_count(), virqs);
	DT_EXPECT_EQ(t, irq_pool_free_count(), pool);
}
