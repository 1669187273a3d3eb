/* SPDX-License-Identifier: MIT */
/* SMMUv3 registers: probe, CR0/IRQ_CTRL handshakes, bring-up (IHI 0070 §6, Linux's order). */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/time.h"

uint32_t smmuv3_read32(const struct smmuv3 *s, unsigned off)
{
	return *(volatile uint32_t *)(uintptr_t)(s->base + off);
}

uint64_t smmuv3_read64(const struct smmuv3 *s, unsigned off)
{
	return *(volatile uint64_t *)(uintptr_t)(s->base + off);
}

void smmuv3_write32(const struct smmuv3 *s, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(s->base + off) = v;
}

void smmuv3_write64(const struct smmuv3 *s, unsigned off, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)(s->base + off) = v;
}

int smmuv3_probe(struct smmuv3 *s, uint64_t base)
{
	uint32_t idr[6], iidr, aidr;
	for (unsigned i = 0; i < 6; i++)
		if (arch_probe_read32(base + SMMUV3_IDR0 + 4 * i, &idr[i]))
			return -EFAULT;
	if (arch_probe_read32(base + SMMUV3_IIDR, &iidr) ||
	    arch_probe_read32(base + SMMUV3_AIDR, &aidr))
		return -EFAULT;
	if (idr[0] == 0xffffffffu && idr[1] == 0xffffffffu)
		return -ENODEV;
	s->base = base;
	smmuv3_caps_decode(&s->caps, idr, iidr, aidr);
	return 0;
}

static int smmuv3_wait_ack(struct smmuv3 *s, unsigned ack_off, uint32_t want)
{
	deadline_t d = deadline_in_us(SMMUV3_WAIT_US);
	while (smmuv3_read32(s, ack_off) != want) {
		if (deadline_passed(d))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
	return 0;
}

/* §6.3.9: a CR0 field takes effect when CR0ACK shows it. */
int smmuv3_cr0_write(struct smmuv3 *s, uint32_t cr0)
{
	arch_wmb(); /* tables and queues in memory before the unit may use them */
	smmuv3_write32(s, SMMUV3_CR0, cr0);
	return smmuv3_wait_ack(s, SMMUV3_CR0ACK, cr0);
}

int smmuv3_irq_ctrl_write(struct smmuv3 *s, uint32_t v)
{
	smmuv3_write32(s, SMMUV3_IRQ_CTRL, v);
	return smmuv3_wait_ack(s, SMMUV3_IRQ_CTRLACK, v);
}

static void smmuv3_strtab_free(struct smmuv3 *s)
{
	if (s->strtab)
		page_free(s->strtab,
			  (unsigned)(((64ull << s->strtab_log2) + PAGE_SIZE - 1) / PAGE_SIZE));
	s->strtab = 0;
}

/* Every STE abort; the table aligned to its size (QEMU 7.2 masks the base with it). */
static int smmuv3_strtab_alloc(struct smmuv3 *s, unsigned log2)
{
	uint64_t bytes = 64ull << log2;
	unsigned pages = (unsigned)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	s->strtab_log2 = log2;
	s->strtab = page_alloc_aligned(pages, pages);
	if (!s->strtab)
		return -ENOMEM;
	struct smmuv3_ste abort = smmuv3_ste_abort();
	struct smmuv3_ste *t = (struct smmuv3_ste *)(uintptr_t)s->strtab;
	for (uint64_t i = 0; i < (1ull << log2); i++)
		t[i] = abort;
	smmuv3_coh_publish(s, t, bytes);
	return 0;
}

/*
 * Bring-up with SMMUEN off (§3.21 / Linux arm_smmu_device_reset): disable,
 * table and queue attributes, stream table, command queue on, invalidate
 * everything cached, event queue on, interrupts off (polled until the
 * event interrupt is routed).
 */
int smmuv3_setup(struct smmuv3 *s, unsigned strtab_log2)
{
	int err = smmuv3_cr0_write(s, 0);
	if (err)
		return err;
	err = smmuv3_irq_ctrl_write(s, 0);
	if (err)
		return err;
	smmuv3_tag_init(&s->asids, s->caps.asid16);
	smmuv3_tag_init(&s->vmids, s->caps.vmid16);
	err = smmuv3_strtab_alloc(s, strtab_log2);
	if (err)
		goto fail;
	err = smmuv3_cmdq_init(s);
	if (err)
		goto fail;
	err = smmuv3_evtq_init(s);
	if (err)
		goto fail;
	smmuv3_write32(s, SMMUV3_CR1, SMMUV3_CR1_WB_ISH);
	smmuv3_write32(s, SMMUV3_CR2, SMMUV3_CR2_RECINVSID);
	smmuv3_write64(s, SMMUV3_STRTAB_BASE,
		       SMMUV3_STRTAB_BASE_RA | (s->strtab & SMMUV3_BASE_ADDR_MASK));
	smmuv3_write32(s, SMMUV3_STRTAB_BASE_CFG,
		       SMMUV3_STRTAB_CFG_LINEAR | SMMUV3_STRTAB_CFG_LOG2(strtab_log2));
	smmuv3_write64(s, SMMUV3_CMDQ_BASE,
		       SMMUV3_Q_BASE_RWA | (s->cmdq & SMMUV3_Q_BASE_ADDR) | s->cmdq_log2);
	smmuv3_write32(s, SMMUV3_CMDQ_PROD, 0);
	smmuv3_write32(s, SMMUV3_CMDQ_CONS, 0);
	smmuv3_write64(s, SMMUV3_EVENTQ_BASE,
		       SMMUV3_Q_BASE_RWA | (s->evtq & SMMUV3_Q_BASE_ADDR) | s->evtq_log2);
	smmuv3_write32(s, SMMUV3_EVENTQ_PROD, 0);
	smmuv3_write32(s, SMMUV3_EVENTQ_CONS, 0);
	err = smmuv3_cr0_write(s, SMMUV3_CR0_CMDQEN);
	if (err)
		goto fail;
	struct smmuv3_cmd inv[] = {smmuv3_cmd_cfgi_all(), smmuv3_cmd_tlbi_nsnh_all()};
	err = smmuv3_cmdq_submit(s, inv, 2);
	if (err)
		goto fail;
	err = smmuv3_cr0_write(s, SMMUV3_CR0_CMDQEN | SMMUV3_CR0_EVENTQEN);
	if (err)
		goto fail;
	return 0;
fail:
	smmuv3_cr0_write(s, 0);
	smmuv3_evtq_free(s);
	smmuv3_cmdq_free(s);
	smmuv3_strtab_free(s);
	return err;
}

int smmuv3_enable(struct smmuv3 *s)
{
	int err = smmuv3_cr0_write(s, SMMUV3_CR0_CMDQEN | SMMUV3_CR0_EVENTQEN | SMMUV3_CR0_SMMUEN);
	if (!err)
		s->enabled = true;
	return err;
}
