/* SPDX-License-Identifier: MIT */
/*
 * Fault catching (arch_catch_fault), device probes that may abort, and the
 * faults the boot.exception test raises on purpose.
 */
#include <stddef.h>

#include "arch/aarch64/aarch64.h"
#include "arch/aarch64/percpu.h"
#include "kernel/errno.h"

int arch_catch_fault(void (*fn)(void *), void *arg, struct arch_fault *f)
{
	struct aarch64_percpu *pc = aarch64_this_cpu();
	struct aarch64_catch rec;
	int r;

	/* The innermost armed catch is per CPU. */
	rec.prev = pc->catch_armed;
	rec.fault = f;
	rec.depth = aarch64_exception_depth();
	pc->catch_armed = &rec;
	__asm__ volatile("" ::: "memory");
	r = aarch64_catch_call(&rec, fn, arg);
	__asm__ volatile("" ::: "memory");
	/* On a fault the dispatcher already unlinked rec. */
	if (!r)
		pc->catch_armed = rec.prev;
	return r;
}

bool aarch64_catch_take(struct aarch64_frame *frame, unsigned *depth)
{
	struct aarch64_percpu *pc = aarch64_this_cpu();
	struct aarch64_catch *rec = pc->catch_armed;

	if (!rec)
		return false;
	if (rec->fault) {
		rec->fault->vector = ESR_EC(frame->esr);
		rec->fault->code = frame->esr;
		rec->fault->addr = aarch64_far_valid(frame->esr) ? frame->far : 0;
		rec->fault->pc = frame->elr;
	}
	pc->catch_armed = rec->prev;
	*depth = rec->depth + 1;
	/*
	 * Return from the exception into aarch64_catch_resume(rec). SPSR keeps
	 * the interrupted mode (ELxt/ELxh, so the stack pointer register
	 * matches) and its DAIF; the resume restores the armed SP. IL, SS and
	 * BTYPE described the faulting instruction, not the resume point.
	 */
	frame->spsr &= ~(SPSR_IL | SPSR_SS | SPSR_BTYPE);
	frame->elr = (uint64_t)(uintptr_t)aarch64_catch_resume;
	frame->x[0] = (uint64_t)(uintptr_t)rec;
	return true;
}

/* --- device probes --------------------------------------------------------- */

struct probe_read32 {
	uint64_t phys;
	uint32_t val;
};

static void fault_probe_read32_fn(void *arg)
{
	struct probe_read32 *p = arg;
	uint32_t v;

	/*
	 * Unmask SError for the access so that an asynchronous abort of the
	 * read (real hardware may report a bus error that way) is taken here,
	 * not later; DSB + ISB make it arrive before the mask comes back.
	 */
	__asm__ volatile("msr daifclr, #4\n\t"
			 "ldr %w0, [%1]\n\t"
			 "dsb sy\n\t"
			 "isb\n\t"
			 "msr daifset, #4"
			 : "=&r"(v)
			 : "r"(p->phys)
			 : "memory");
	p->val = v;
}

int arch_probe_read32(uint64_t phys, uint32_t *val)
{
	struct probe_read32 p = {.phys = phys};
	struct arch_fault f;
	uint64_t daif = read_sysreg(daif);
	int faulted;

	if (phys & 3)
		return -EINVAL;
	faulted = arch_catch_fault(fault_probe_read32_fn, &p, &f);
	write_sysreg(daif, daif);
	if (faulted)
		return -EFAULT;
	*val = p.val;
	return 0;
}

/* --- faults raised on purpose ------------------------------------------------ */

static void fault_raise_udf(void *arg)
{
	__asm__ volatile("udf #0" ::: "memory");
}

static void fault_raise_brk(void *arg)
{
	__asm__ volatile("brk #1" ::: "memory");
}

static void fault_raise_dabt(void *arg)
{
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)aarch64_mmu_unmapped_addr();
	(void)*p;
}

static struct arch_fault_case fault_cases[] = {
	{.name = "udf", .raise = fault_raise_udf, .vector = 0x00}, /* EC unknown */
	{.name = "brk", .raise = fault_raise_brk, .vector = 0x3c}, /* EC BRK (AArch64) */
	/* EC data abort, same EL; FAR = the address (translation fault). */
	{.name = "dabt", .raise = fault_raise_dabt, .vector = 0x25, .check_addr = true},
	{0},
};

const struct arch_fault_case *arch_fault_cases(void)
{
	fault_cases[2].addr = aarch64_mmu_unmapped_addr();
	return fault_cases;
}
