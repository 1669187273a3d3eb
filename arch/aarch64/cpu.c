/* SPDX-License-Identifier: MIT */
/* Early CPU set-up (EL, vectors, stacks) and the small CPU hooks. */
#include "arch/aarch64/aarch64.h"
#include "arch/aarch64/cache_ctr.h"
#include "arch/aarch64/percpu.h"
#include "boot/handoff.h"
#include "kernel/exit.h"

const char arch_name[] = "aarch64";

struct aarch64_regime aarch64_regime;

/* The stack exceptions run on (SP_ELx); the kernel itself runs on SP_EL0. */
#define EXC_STACK_SIZE 16384
static uint8_t exc_stack[EXC_STACK_SIZE] __attribute__((aligned(16)));

void aarch64_regime_detect(void)
{
	/* CurrentEL[3:2] (D13.2 CurrentEL). */
	aarch64_regime.el = (read_sysreg(CurrentEL) >> 2) & 3;
	/* HCR_EL2.E2H, bit 34: the EL2&0 regime with EL1 register layouts. */
	aarch64_regime.vhe = aarch64_regime.el == 2 && ((read_sysreg(hcr_el2) >> 34) & 1);
	aarch64_regime.checked = true;
}

void arch_early_init(const struct boot_info *bi)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	/* Per-CPU data first: fault catching and the exception depth live there. */
	aarch64_percpu_activate(aarch64_percpu_of(0));
	aarch64_percpu_of(0)->mpidr = read_sysreg(mpidr_el1) & 0xff00ffffffull;
	aarch64_regime_detect();
	if (bi)
		aarch64_exceptions_set_image(bi->image_base);

	uint64_t top = (uint64_t)(uintptr_t)(exc_stack + EXC_STACK_SIZE);
	aarch64_stack_setup(top);
	switch (aarch64_regime.el) {
	case 1: write_sysreg(vbar_el1, (uint64_t)(uintptr_t)aarch64_vectors_el1); break;
	case 2:
		/* E2H = 0 or 1 alike: VBAR_EL2 and the _EL2 syndrome registers. */
		write_sysreg(vbar_el2, (uint64_t)(uintptr_t)aarch64_vectors_el2);
		break;
	default:
		/* No vectors of ours yet: the console is not up either. */
		panic("UEFI application entered at EL%u: doorbell runs at EL1 or EL2",
		      aarch64_regime.el);
	}
	isb();
}

void arch_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

void arch_cpu_halt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

void arch_wmb(void)
{
	__asm__ volatile("dsb st" ::: "memory");
}

void arch_mb(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

/*
 * DC CVAC to the point of coherency (Arm ARM D7.5, "data cache maintenance
 * instructions"): ordered after this CPU's earlier stores to the same line,
 * complete only after a DSB, so a batch takes one DSB at the end.
 */
void arch_dcache_clean_lines(const void *p, uint64_t len)
{
	/* The line DC CVAC works on: CTR_EL0.DminLine (cache_ctr.c), never a fixed size. */
	uint64_t line = aarch64_ctr_dminline_bytes(read_sysreg(ctr_el0));
	uint64_t a = (uint64_t)(uintptr_t)p & ~(line - 1);
	for (uint64_t end = (uint64_t)(uintptr_t)p + len; a < end; a += line)
		__asm__ volatile("dc cvac, %0" ::"r"(a) : "memory");
}

void arch_dcache_clean_done(void)
{
	dsb(sy);
}

void arch_dcache_clean(const void *p, uint64_t len)
{
	arch_dcache_clean_lines(p, len);
	arch_dcache_clean_done();
}
