/* SPDX-License-Identifier: MIT */
/*
 * vtd.fault_irq: the unit's fault event is an interrupt of its own domain
 * ("vtd-fault0", kind bus) on the vector domain. Its message is in
 * FEDATA/FEADDR/FEUADDR byte for byte, FECTL.IM follows irq_mask/unmask,
 * and a fault the unit records raises exactly one event. QEMU 7.2 records
 * no interrupt-remapping faults (vtd_irte_get only prints them; they are
 * recorded from QEMU 8.2 on) and no DMA-remapping fault can happen while
 * translation is off, so the fault provoked here is an invalidation queue
 * error (FSTS.IQE, VT-d §6.5.2.10): a descriptor of type 0. (QEMU 7.2 does
 * not check the reserved fields of an interrupt entry cache descriptor, so
 * a reserved bit there is no way to provoke it.) Masked, the event waits in
 * FECTL.IP and unmasking delivers it once; unmasked, it comes at once.
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_ir_init.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "tests/guest/irqtest.h"

#define VTD_FAULT_IRQ_WAIT_US 200000

/* Wait with interrupts enabled until the handler ran want times. */
static bool vtd_fault_irq_wait(const struct vtd_fault_domain *fd, uint64_t want, uint64_t us)
{
	deadline_t d = deadline_in_us(us);
	bool reached;
	arch_irq_enable();
	while (!(reached = vtd_fault_events(fd) >= want) && !deadline_passed(d))
		arch_cpu_relax();
	arch_irq_disable();
	return reached;
}

static bool vtd_fault_irq_iqe_pending(const struct vtd_unit *u)
{
	deadline_t d = deadline_in_us(VTD_FAULT_IRQ_WAIT_US);
	while (!(vtd_read32(u, VTD_REG_FSTS) & VTD_FSTS_IQE)) {
		if (deadline_passed(d))
			return false;
		arch_cpu_relax();
	}
	return true;
}

static void vtd_fault_irq_chain(struct dtest_ctx *t, const struct vtd_fault_domain *fd)
{
	struct irq_data *top = irq_chain(fd->virq);
	if (!DT_EXPECT(t, top != 0, "fault virq %u has no chain", fd->virq.v))
		return;
	DT_EXPECT(t, top->domain == &fd->domain, "top level is %s, not %s", top->domain->name,
		  fd->name);
	DT_EXPECT(t, top->domain->kind == IRQ_DOMAIN_KIND_BUS, "kind %s",
		  irq_domain_kind_name(top->domain->kind));
	struct irq_data *vec = top->parent_data;
	DT_EXPECT(t, vec && vec->domain == arch_irq_domain() && !vec->parent_data,
		  "the fault event does not sit directly on the vector domain");
	/* Message: what the core wrote, what the registers hold, what the parent composes. */
	struct msi_msg wrote, held, composed;
	int err = irq_msg(fd->virq, &wrote);
	DT_EXPECT(t, err == 0, "irq_msg: %s", errno_name(err));
	vtd_fault_msg_read(fd->unit, &held);
	if (vec)
		vec->domain->ops->compose(vec, &composed);
	kprintf("# vtd.fault_irq: FEADDR 0x%08x FEUADDR 0x%08x FEDATA 0x%08x, virq %u vector 0x%x "
		"cpu %u\n",
		held.address_lo, held.address_hi, held.data, fd->virq.v, vec ? vec->hwirq.v : 0,
		vec ? vec->cpu.v : 0);
	DT_EXPECT(t, msi_msg_eq(&held, &wrote),
		  "registers hold 0x%08x_%08x/0x%x, written %08x_%08x/0x%x", held.address_hi,
		  held.address_lo, held.data, wrote.address_hi, wrote.address_lo, wrote.data);
	DT_EXPECT(t, vec && msi_msg_eq(&held, &composed), "not the vector domain's message");
	/* Compatibility format (§5.1.2.1): 0xFEE, format bit 4 clear. */
	DT_EXPECT_EQ(t, held.address_lo & 0xfff00010u, 0xfee00000u);
	DT_EXPECT_EQ(t, held.data & 0xffu, vec ? vec->hwirq.v : 0);
}

static void vtd_fault_irq_mask(struct dtest_ctx *t, const struct vtd_fault_domain *fd)
{
	DT_EXPECT_EQ(t, vtd_fault_fectl(fd->unit) & VTD_FECTL_IM, 0);
	DT_EXPECT_EQ(t, irq_mask(fd->virq), 0);
	DT_EXPECT_EQ(t, vtd_fault_fectl(fd->unit) & VTD_FECTL_IM, VTD_FECTL_IM);
	DT_EXPECT(t, irq_state(fd->virq) & IRQ_STATE_MASKED, "core does not say masked");
	DT_EXPECT_EQ(t, irq_unmask(fd->virq), 0);
	DT_EXPECT_EQ(t, vtd_fault_fectl(fd->unit) & VTD_FECTL_IM, 0);
}

/* Descriptor type 0 is not a descriptor (§6.5.2: types start at 1). */
static struct vtd_qi_desc vtd_fault_irq_bad_desc(void)
{
	return (struct vtd_qi_desc){0, 0};
}

/* Masked: the event waits in FECTL.IP; unmask delivers it once, while IQE still stands. */
static void vtd_fault_irq_masked_iqe(struct dtest_ctx *t, struct vtd_fault_domain *fd,
				     struct vtd_qi *qi)
{
	uint64_t base = vtd_fault_events(fd);
	DT_EXPECT_EQ(t, irq_mask(fd->virq), 0);
	struct vtd_qi_desc bad = vtd_fault_irq_bad_desc();
	uint32_t slot = qi->tail, seq;
	int err = vtd_qi_post(qi, &bad, 1, &seq);
	if (!DT_EXPECT(t, err == 0, "posting the bad descriptor: %s", errno_name(err)))
		return;
	bool iqe = vtd_fault_irq_iqe_pending(fd->unit);
	DT_EXPECT(t, iqe, "FSTS.IQE not set after a descriptor with reserved bits (FSTS 0x%x)",
		  vtd_read32(fd->unit, VTD_REG_FSTS));
	uint32_t fectl = vtd_fault_fectl(fd->unit);
	kprintf("# vtd.fault_irq: masked: FSTS 0x%x FECTL 0x%x\n",
		vtd_read32(fd->unit, VTD_REG_FSTS), fectl);
	DT_EXPECT_EQ(t, fectl, VTD_FECTL_IM | VTD_FECTL_IP);
	irqtest_idle(20000);
	DT_EXPECT_EQ(t, vtd_fault_events(fd), base); /* masked: nothing delivered */
	DT_EXPECT_EQ(t, irq_unmask(fd->virq), 0);
	if (!vtd_fault_irq_wait(fd, base + 1, VTD_FAULT_IRQ_WAIT_US))
		dtest_diag(t, "unmasking with FECTL.IP set delivered no fault event");
	DT_EXPECT_EQ(t, vtd_fault_events(fd), base + 1);
	DT_EXPECT(t, fd->last.fsts & VTD_FSTS_IQE, "the handler read FSTS 0x%x without IQE",
		  fd->last.fsts);
	DT_EXPECT_EQ(t, vtd_fault_fectl(fd->unit) & VTD_FECTL_IP, 0);
	/* The queue's owner recovers: the bad slot gets the wait descriptor, IQE is cleared. */
	err = vtd_qi_wait(qi, seq);
	DT_EXPECT_EQ(t, err, -EIO);
	DT_EXPECT(t, qi->fsts_errors & VTD_FSTS_IQE, "queue errors 0x%x", qi->fsts_errors);
	DT_EXPECT_EQ(t, qi->iqe_head, slot);
	DT_EXPECT_EQ(t, vtd_read32(fd->unit, VTD_REG_FSTS) & VTD_FSTS_IQE, 0);
}

/* Unmasked: the event comes at once; the queue recovers inside vtd_qi_submit. */
static void vtd_fault_irq_live_iqe(struct dtest_ctx *t, struct vtd_fault_domain *fd,
				   struct vtd_qi *qi)
{
	uint64_t base = vtd_fault_events(fd);
	qi->fsts_errors = 0;
	struct vtd_qi_desc bad = vtd_fault_irq_bad_desc();
	DT_EXPECT_EQ(t, vtd_qi_submit(qi, &bad, 1), -EIO);
	DT_EXPECT_EQ(t, qi->fsts_errors, VTD_FSTS_IQE);
	if (!vtd_fault_irq_wait(fd, base + 1, VTD_FAULT_IRQ_WAIT_US))
		dtest_diag(t, "no fault event for an unmasked IQE");
	irqtest_idle(20000); /* a duplicate would land here */
	DT_EXPECT_EQ(t, vtd_fault_events(fd), base + 1);
}

DTEST(vtd_fault_irq, .name = "vtd.fault_irq",
      .summary = "the fault event is its own domain on the vector domain: message read back, "
		 "FECTL.IM masks, an invalidation queue error raises exactly one event",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_IOMMU, .deadline_ms = 3000)
{
	struct vtd_ir_domain *vd = vtd_ir_domain_state();
	struct vtd_fault_domain *fd = vtd_fault_domain_state();
	if (!vd) {
		dtest_skip(t, "interrupt remapping is off: %s", vtd_ir_absent_reason());
		return;
	}
	if (!DT_EXPECT(t, fd != 0, "remapping is on but the fault event interrupt is not"))
		return;
	vtd_fault_irq_chain(t, fd);
	vtd_fault_irq_mask(t, fd);
	vtd_fault_irq_masked_iqe(t, fd, &vd->ir->qi);
	vtd_fault_irq_live_iqe(t, fd, &vd->ir->qi);
	/* The queue works after both errors. */
	DT_EXPECT_EQ(t, vtd_qi_iec_global(&vd->ir->qi), 0);
	kprintf("# vtd.fault_irq: %llu fault event(s), FSTS bits seen 0x%x, %u record(s)\n",
		(unsigned long long)vtd_fault_events(fd), fd->fsts_seen, fd->records);
}
