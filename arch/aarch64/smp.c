/* SPDX-License-Identifier: MIT */
/*
 * CPUs and interrupt delivery on arm64: the GICv3 (distributor, this CPU's
 * redistributor and CPU interface), the LPI tables and domain, every
 * enabled GICC entry of the MADT started with PSCI CPU_ON over the conduit
 * the FADT names (Arm DEN 0022 §5.1.4), and the SGI that wakes a CPU for its
 * call. The online mask, the count, the calls and the irq core's CPU
 * operations are kernel/smp.c's.
 */
#include <string.h>

#include "arch/aarch64/aarch64.h"
#include "arch/aarch64/gic_cpuif.h"
#include "arch/aarch64/percpu.h"
#include "drivers/irqchip/gic.h"
#include "drivers/acpi/acpi_madt.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"
#include "kernel/smp.h"
#include "kernel/time.h"

#define SMP_STACK_PAGES   4
#define SMP_EXC_PAGES     4
#define SMP_START_US      500000
#define PSCI_CPU_ON       0xc4000003u /* SMC64 CPU_ON */
#define PSCI_E_ALREADY_ON (-4)
#define DAIF_I            (1ul << 7)

/* Read by smp_entry.S with the MMU off: offsets fixed there (BB_*). */
struct aarch64_boot_block {
	uint64_t percpu, stack, exc_stack;
	uint64_t ttbr0, tcr, mair, sctlr, vbar, cpacr, hcr;
} __attribute__((aligned(128)));
_Static_assert(__builtin_offsetof(struct aarch64_boot_block, hcr) == 72, "smp_entry.S BB_HCR");

extern const char aarch64_secondary_entry[];
void aarch64_secondary_main(struct aarch64_percpu *pc);

static struct aarch64_boot_block boot_block[IRQ_MAX_CPUS];
static unsigned cpu_total = 1;    /* the next logical index */
static uint64_t smp_start_max_us; /* the slowest secondary, CPU_ON to online */

/* --- the secondary side ----------------------------------------------- */

void aarch64_secondary_main(struct aarch64_percpu *pc)
{
	struct gic_redist *r = gic_redist_of(pc->index);
	int err = gic_redist_init(r);
	if (!err) {
		gic_cpuif_init();
		if (lpi_domain())
			err = lpi_redist_enable(r);
	}
	if (err) {
		/* Not online: the boot CPU reports it; stay parked with interrupts off. */
		__atomic_store_n(&pc->online, (uint32_t)err, __ATOMIC_RELEASE);
		for (;;)
			__asm__ volatile("wfi");
	}
	smp_cpu_set_online(pc->index);
	__atomic_store_n(&pc->online, 1, __ATOMIC_RELEASE);
	for (;;) {
		arch_irq_disable();
		if (smp_call_run(pc->index))
			continue;
		arch_irq_wait();
	}
}

/* --- bring-up ------------------------------------------------------------- */

static void smp_boot_block_fill(struct aarch64_boot_block *bb, struct aarch64_percpu *pc,
				uint64_t stack, uint64_t exc_stack)
{
	bb->percpu = (uint64_t)(uintptr_t)pc;
	bb->stack = stack;
	bb->exc_stack = exc_stack;
	if (aarch64_at_el2()) {
		bb->ttbr0 = read_sysreg(ttbr0_el2);
		bb->tcr = read_sysreg(tcr_el2);
		bb->mair = read_sysreg(mair_el2);
		bb->sctlr = read_sysreg(sctlr_el2);
		bb->vbar = read_sysreg(vbar_el2);
		bb->cpacr = read_sysreg(cptr_el2);
		bb->hcr = read_sysreg(hcr_el2);
	} else {
		bb->ttbr0 = read_sysreg(ttbr0_el1);
		bb->tcr = read_sysreg(tcr_el1);
		bb->mair = read_sysreg(mair_el1);
		bb->sctlr = read_sysreg(sctlr_el1);
		bb->vbar = read_sysreg(vbar_el1);
		bb->cpacr = read_sysreg(cpacr_el1);
		bb->hcr = 0;
	}
	/* Everything the secondary reads with its MMU off, out to memory. */
	arch_dcache_clean(bb, sizeof(*bb));
	arch_dcache_clean(pc, sizeof(*pc));
}

/* Start the CPU with mpidr as the next logical index: true when it came up. */
static bool smp_start_one(const struct acpi_madt *m, uint64_t mpidr)
{
	unsigned index = cpu_total;
	struct aarch64_percpu *pc = aarch64_percpu_of(index);
	if (!pc) {
		kprintf("# smp: MPIDR 0x%llx left out: more than %u CPUs\n",
			(unsigned long long)mpidr, IRQ_MAX_CPUS);
		return false;
	}
	memset(pc, 0, sizeof(*pc));
	pc->self = pc;
	pc->index = index;
	pc->mpidr = mpidr;
	struct gic_redist *r = gic_redist_of(index);
	memset(r, 0, sizeof(*r));
	r->mpidr = mpidr;
	if (gic_redist_find(m, mpidr, &r->rd_base, &r->proc)) {
		kprintf("# smp: MPIDR 0x%llx left out: no redistributor has its affinity\n",
			(unsigned long long)mpidr);
		return false;
	}
	uint64_t stack = page_alloc(SMP_STACK_PAGES), exc = page_alloc(SMP_EXC_PAGES);
	if (!stack || !exc) {
		kprintf("# smp: MPIDR 0x%llx left out: no memory for its stacks\n",
			(unsigned long long)mpidr);
		return false;
	}
	struct aarch64_boot_block *bb = &boot_block[index];
	smp_boot_block_fill(bb, pc, stack + SMP_STACK_PAGES * PAGE_SIZE,
			    exc + SMP_EXC_PAGES * PAGE_SIZE);
	uint64_t t0 = arch_counter_read();
	int64_t ret = 0;
	int err =
		aarch64_psci_call(PSCI_CPU_ON, mpidr, (uint64_t)(uintptr_t)aarch64_secondary_entry,
				  (uint64_t)(uintptr_t)bb, &ret);
	if (err || ret) {
		kprintf("# smp: MPIDR 0x%llx: PSCI CPU_ON over %s: %s %lld; left out\n",
			(unsigned long long)mpidr,
			aarch64_psci_conduit_name(aarch64_psci_conduit()),
			err ? "the call failed" : "returned", (long long)(err ? err : ret));
		return false;
	}
	deadline_t d = deadline_in_us(SMP_START_US);
	uint32_t state;
	while (!(state = __atomic_load_n(&pc->online, __ATOMIC_ACQUIRE))) {
		if (deadline_passed(d)) {
			kprintf("# smp: MPIDR 0x%llx did not come up within %u ms; left out\n",
				(unsigned long long)mpidr, SMP_START_US / 1000);
			return false;
		}
		arch_cpu_relax();
	}
	if (state != 1) {
		kprintf("# smp: MPIDR 0x%llx: its interrupt controller failed (%d); left out\n",
			(unsigned long long)mpidr, (int)state);
		return false;
	}
	cpu_total = index + 1;
	uint64_t us = time_ticks_to_us(arch_counter_read() - t0);
	if (us > smp_start_max_us)
		smp_start_max_us = us;
	kprintf("# smp: CPU %u (MPIDR 0x%llx, redistributor 0x%llx, processor %u) online in "
		"%llu us\n",
		index, (unsigned long long)mpidr, (unsigned long long)r->rd_base, r->proc,
		(unsigned long long)us);
	return true;
}

/* The boot CPU's GIC, LPI tables and domain: 0, or why interrupts stay off. */
static int smp_gic_boot(const struct acpi_madt *m, struct aarch64_percpu *bsp)
{
	int err = gic_dist_init(m);
	if (err) {
		kprintf("# smp: GICv3 distributor: %d; no interrupts\n", err);
		return err;
	}
	struct gic_redist *r = gic_redist_of(bsp->index);
	r->mpidr = bsp->mpidr;
	err = gic_redist_find(m, bsp->mpidr, &r->rd_base, &r->proc);
	if (!err)
		err = gic_redist_init(r);
	if (err) {
		kprintf("# smp: the boot CPU's redistributor: %d; no interrupts\n", err);
		return err;
	}
	gic_cpuif_init();
	fact("gic.redist0", "0x%llx", (unsigned long long)r->rd_base);
	err = lpi_tables_init(gic_dist_lpi_id_bits());
	if (!err)
		err = lpi_redist_enable(r);
	if (!err)
		err = lpi_domain_create();
	if (err)
		kprintf("# smp: LPIs: %d; no LPI domain (SGIs still work)\n", err);
	err = spi_domain_create();
	if (err)
		kprintf("# smp: SPI domain: %d; wired interrupts stay off\n", err);
	gic_redist_report();
	return 0;
}

unsigned arch_smp_init(const struct acpi_tables *t, bool x2apic_allowed, uint32_t apic_id_limit)
{
	(void)x2apic_allowed;
	(void)apic_id_limit;
	struct aarch64_percpu *bsp = aarch64_this_cpu();
	bsp->online = 1;
	smp_boot_cpu_init();

	struct acpi_madt *m = smp_madt_read(t);
	if (!m || smp_gic_boot(m, bsp)) {
		fact("cpu.madt_enabled", "%u", m ? m->gicc_count : 0);
		smp_madt_free(m);
		return cpu_total;
	}
	gic_set_ready();
	unsigned enabled = 0;
	for (unsigned i = 0; i < m->gicc_count; i++) {
		const struct acpi_madt_gicc *c = &m->gicc[i];
		if (!(c->flags & ACPI_MADT_CPU_ENABLED))
			continue;
		enabled++;
		uint64_t mpidr = c->mpidr & 0xff00ffffffull;
		if (mpidr != bsp->mpidr)
			smp_start_one(m, mpidr);
	}
	fact("cpu.madt_enabled", "%u", enabled);
	fact("arm64.psci.cpu_on", "%s", aarch64_psci_conduit_name(aarch64_psci_conduit()));
	fact("smp.ap_start_max_us", "%llu (limit %u)", (unsigned long long)smp_start_max_us,
	     SMP_START_US);
	smp_madt_free(m);
	smp_cpu_count_set(cpu_total);
	return cpu_total;
}

/* --- hooks ---------------------------------------------------------------- */

unsigned arch_cpu_count(void)
{
	return smp_cpu_count();
}

unsigned arch_cpu_current(void)
{
	return aarch64_this_cpu()->index;
}

uint64_t arch_cpu_hw_id(void)
{
	return read_sysreg(mpidr_el1) & 0xff00ffffffull; /* Aff3..Aff0 */
}

int arch_cpu_kick(unsigned cpu)
{
	struct aarch64_percpu *pc = aarch64_percpu_of(cpu);
	if (!pc)
		return -EINVAL;
	gic_send_sgi(pc->mpidr, GIC_SGI_CALL);
	return 0;
}

int arch_cpu_call(unsigned cpu, void (*fn)(void *), void *arg, uint64_t timeout_us)
{
	return smp_call(cpu, fn, arg, timeout_us);
}

/*
 * An LPI cannot be sent from CPU to CPU without DirectLPI (GICR_SETLPIR),
 * which QEMU's GICv3 lacks: the LPI is queued in the target's relay set
 * and the relay SGI makes the target hand it to the irq core, as if the
 * redistributor had delivered it. A second send before the first is
 * taken merges, as a pending LPI would.
 */
int arch_irq_send_ipi(unsigned cpu, uint32_t hwirq)
{
	if (!smp_cpu_online(cpu) || !lpi_domain() || hwirq < GIC_LPI_BASE || hwirq >= lpi_end())
		return -EINVAL;
	struct aarch64_percpu *pc = aarch64_percpu_of(cpu);
	uint32_t i = hwirq - GIC_LPI_BASE;
	__atomic_fetch_or(&pc->relay[i / 64], 1ull << (i % 64), __ATOMIC_RELEASE);
	gic_send_sgi(pc->mpidr, GIC_SGI_RELAY);
	return 0;
}

void arch_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

unsigned long arch_irq_save(void)
{
	unsigned long daif = read_sysreg(daif);
	__asm__ volatile("msr daifset, #2" ::: "memory");
	return daif;
}

void arch_irq_restore(unsigned long daif)
{
	if (!(daif & DAIF_I))
		__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void arch_irq_wait(void)
{
	/*
	 * WFI wakes on a pending interrupt even while PSTATE.I masks it
	 * (Arm ARM D1.16.2), so nothing is lost between the caller's check and
	 * the WFI; the interrupt is then taken in the window opened after it,
	 * which the ISB closes only once it has been taken.
	 */
	__asm__ volatile("wfi\n\t"
			 "msr daifclr, #2\n\t"
			 "isb\n\t"
			 "msr daifset, #2" ::
				 : "memory");
}

/*
 * The EL1 virtual timer (CNTV, PPI 27) compares against the same count as
 * arch_counter_read (Arm ARM D11.2.4). ICC_PMR_EL1 is raised so that only
 * the timer can signal: device interrupts and SGIs stay pending in the GIC
 * and arrive after (the x86 TPR's role), so this is safe with the irq core
 * lock held. WFI wakes on the timer even with PSTATE.I set. Under VHE
 * CNTV_*_EL0 name the EL2 timer (another PPI), and without a GIC there is
 * no wake-up: a short spin then, which callers loop around.
 */
#define CNTV_CTL_ENABLE (1ull << 0)
#define ICC_PMR_ALL     0xff

void arch_sleep_until(uint64_t counter_deadline)
{
	uint64_t now = arch_counter_read();
	if ((int64_t)(counter_deadline - now) <= 0)
		return;
	if (!gic_ready() || aarch64_regime.vhe) {
		uint64_t step = arch_counter_hz() / 100000; /* 10 us */
		if ((int64_t)(counter_deadline - now) > (int64_t)step)
			counter_deadline = now + step;
		while ((int64_t)(arch_counter_read() - counter_deadline) < 0)
			__asm__ volatile("yield");
		return;
	}
	uint64_t pmr = read_sysreg(icc_pmr_el1);
	write_sysreg(icc_pmr_el1, GIC_PMR_TIMER);
	isb();
	write_sysreg(cntv_cval_el0, counter_deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
	if ((int64_t)(arch_counter_read() - counter_deadline) < 0)
		__asm__ volatile("wfi" ::: "memory");
	write_sysreg(cntv_ctl_el0, 0);
	isb();
	write_sysreg(icc_pmr_el1, pmr ? pmr : ICC_PMR_ALL);
	isb();
}

struct irq_domain *arch_irq_domain(void)
{
	return lpi_domain();
}

struct irq_matrix *arch_irq_matrix(void)
{
	return 0;
}
