/* SPDX-License-Identifier: MIT */
/*
 * The GICv3 CPU interface by system registers (Arm IHI 0069H §12.2) and
 * the IRQ entry: acknowledge with ICC_IAR1_EL1, hand LPIs to the irq core
 * through the LPI domain and SPIs through the SPI domain, end with ICC_EOIR1_EL1 (EOImode 0: priority drop
 * and deactivation in one write). INTIDs 1020-1023 are special (§2.2.1):
 * 1023 from IAR1 means nothing was pending any more, counted as spurious.
 */
#include "arch/aarch64/gic_cpuif.h"
#include "arch/aarch64/percpu.h"
#include "drivers/irqchip/gic.h"
#include "kernel/console.h"
#include "kernel/irq/irq.h"

#define ICC_SRE_SRE    (1ull << 0)
#define ICC_SRE_ENABLE (1ull << 3) /* ICC_SRE_EL2: EL1 may use the system registers */
#define ICC_CTLR_EOI   (1ull << 1) /* EOImode */
#define ICC_IAR_INTID  0xffffffull
#define ICC_PMR_ALL    0xff
#define SGI1R_INTID(n) ((uint64_t)(n) << 24)
#define SGI1R_AFF1(a)  ((uint64_t)(a) << 16)
#define SGI1R_AFF2(a)  ((uint64_t)(a) << 32)
#define SGI1R_AFF3(a)  ((uint64_t)(a) << 48)
#define SGI1R_RS(r)    ((uint64_t)(r) << 44)

static volatile bool gic_up;

bool gic_ready(void)
{
	return gic_up;
}

void gic_set_ready(void)
{
	gic_up = true;
}

void gic_cpuif_init(void)
{
	if (aarch64_at_el2()) {
		write_sysreg(icc_sre_el2, read_sysreg(icc_sre_el2) | ICC_SRE_SRE | ICC_SRE_ENABLE);
		isb();
	}
	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | ICC_SRE_SRE);
	isb();
	write_sysreg(icc_pmr_el1, ICC_PMR_ALL);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, read_sysreg(icc_ctlr_el1) & ~ICC_CTLR_EOI);
	write_sysreg(icc_igrpen1_el1, 1);
	/* The virtual timer off until arch_sleep_until arms it (the firmware may have left it on). */
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

void gic_send_sgi(uint64_t mpidr, unsigned sgi)
{
	unsigned aff0 = mpidr & 0xff;
	uint64_t v = SGI1R_AFF3((mpidr >> 32) & 0xff) | SGI1R_AFF2((mpidr >> 16) & 0xff) |
		     SGI1R_INTID(sgi & 0xf) | SGI1R_AFF1((mpidr >> 8) & 0xff) |
		     SGI1R_RS(aff0 >> 4) | (1u << (aff0 & 0xf));
	/* Writes before the SGI are visible to its handler (§12.2 note on ordering). */
	dsb(ish);
	write_sysreg(icc_sgi1r_el1, v);
	isb();
}

/* LPIs queued by arch_irq_send_ipi for this CPU, handed to the irq core. */
static void gic_relay_drain(struct aarch64_percpu *pc)
{
	struct irq_domain *d = lpi_domain();
	for (unsigned w = 0; w < GIC_LPI_WORDS; w++) {
		if (!__atomic_load_n(&pc->relay[w], __ATOMIC_RELAXED))
			continue;
		uint64_t bits = __atomic_exchange_n(&pc->relay[w], 0, __ATOMIC_ACQUIRE);
		while (bits) {
			unsigned b = (unsigned)__builtin_ctzll(bits);
			bits &= bits - 1;
			if (d)
				irq_handle(d, IRQ_CPU(pc->index), HWIRQ(GIC_LPI_BASE + w * 64 + b));
		}
	}
}

bool gic_irq_entry(struct aarch64_percpu *pc)
{
	if (!gic_up)
		return false;
	uint64_t iar = read_sysreg(icc_iar1_el1);
	uint32_t id = (uint32_t)(iar & ICC_IAR_INTID);
	if (id >= 1020 && id <= GIC_INTID_SPURIOUS) {
		irq_account_spurious(IRQ_CPU(pc->index));
		return true;
	}
	struct irq_domain *d = lpi_domain();
	if (id == GIC_SGI_CALL) {
		pc->call_sgi_count++;
	} else if (id == GIC_SGI_RELAY) {
		pc->relay_sgi_count++;
		write_sysreg(icc_eoir1_el1, iar);
		isb();
		gic_relay_drain(pc);
		return true;
	} else if (id == GIC_PPI_VTIMER) {
		write_sysreg(cntv_ctl_el0, 0); /* arch_sleep_until's wake-up: nothing else to do */
	} else if (id >= GIC_LPI_BASE && d) {
		irq_handle(d, IRQ_CPU(pc->index), HWIRQ(id));
	} else if (id >= GIC_SPI_BASE && id < GIC_SPI_LIMIT && spi_domain()) {
		/* A wired line; an unmapped one is counted as unexpected by the core. */
		irq_handle(spi_domain(), IRQ_CPU(pc->index), HWIRQ(id));
	} else {
		pc->unexpected_count++;
		kprintf("# unexpected interrupt INTID %u on CPU %u (total %llu)\n", id, pc->index,
			(unsigned long long)pc->unexpected_count);
	}
	write_sysreg(icc_eoir1_el1, iar);
	isb();
	return true;
}
