/* SPDX-License-Identifier: MIT */
/*
 * The exception dispatcher: every vector of vectors.S lands here. A fault
 * taken while a catch is armed (fault.c) resumes the catcher; anything
 * else prints a register dump and ends the run as a harness error.
 */
#include <stddef.h>

#include "arch/aarch64/aarch64.h"
#include "arch/aarch64/gic_cpuif.h"
#include "arch/aarch64/percpu.h"
#include "kernel/console.h"
#include "kernel/exit.h"

/* Exception classes, ESR_ELx.EC (Arm ARM DDI 0487, D13.2.37 ESR_EL1). */
static const char *const ec_names[64] = {
	[0x00] = "unknown reason (UDF, undefined instruction)",
	[0x01] = "WFI/WFE trapped",
	[0x03] = "MCR/MRC cp15 (AArch32)",
	[0x04] = "MCRR/MRRC cp15 (AArch32)",
	[0x05] = "MCR/MRC cp14 (AArch32)",
	[0x06] = "LDC/STC cp14 (AArch32)",
	[0x07] = "SVE/SIMD/FP access trapped",
	[0x0c] = "MRRC cp14 (AArch32)",
	[0x0d] = "branch target exception",
	[0x0e] = "illegal execution state",
	[0x11] = "SVC (AArch32)",
	[0x12] = "HVC (AArch32)",
	[0x13] = "SMC (AArch32)",
	[0x15] = "SVC",
	[0x16] = "HVC",
	[0x17] = "SMC",
	[0x18] = "MSR/MRS/system instruction trapped",
	[0x19] = "SVE access trapped",
	[0x1c] = "pointer authentication failure",
	[0x20] = "instruction abort, lower EL",
	[0x21] = "instruction abort, same EL",
	[0x22] = "PC alignment fault",
	[0x24] = "data abort, lower EL",
	[0x25] = "data abort, same EL",
	[0x26] = "SP alignment fault",
	[0x28] = "FP exception (AArch32)",
	[0x2c] = "FP exception",
	[0x2f] = "SError",
	[0x30] = "breakpoint, lower EL",
	[0x31] = "breakpoint, same EL",
	[0x32] = "software step, lower EL",
	[0x33] = "software step, same EL",
	[0x34] = "watchpoint, lower EL",
	[0x35] = "watchpoint, same EL",
	[0x38] = "BKPT (AArch32)",
	[0x3c] = "BRK",
};

static const char *const vec_type_names[4] = {"synchronous exception", "IRQ", "FIQ", "SError"};
static const char *const vec_source_names[4] = {
	"current EL, SP_EL0",
	"current EL, SP_ELx",
	"lower EL, AArch64",
	"lower EL, AArch32",
};

/* Where the image was loaded, so ELR can be turned into an objdump offset. */
static uint64_t exc_image_base;

/* Nesting depth of the dispatcher on this CPU: > 1 means a fault inside a handler. */
unsigned aarch64_exception_depth(void)
{
	return aarch64_this_cpu()->exc_depth;
}

void aarch64_exceptions_set_image(uint64_t base)
{
	exc_image_base = base;
}

const char *aarch64_ec_name(unsigned ec)
{
	const char *n = ec < 64 ? ec_names[ec] : NULL;
	return n ? n : "reserved/unallocated";
}

bool aarch64_far_valid(uint64_t esr)
{
	switch (ESR_EC(esr)) {
	case 0x20: /* instruction aborts */
	case 0x21:
	case 0x24: /* data aborts: unless ISS.FnV */
	case 0x25: return !((esr >> 10) & 1);
	case 0x22: /* PC alignment */
	case 0x34: /* watchpoints */
	case 0x35: return true;
	}
	return false;
}

/* Data/instruction fault status code, ESR.ISS[5:0] for EC 0x20-0x25. */
static const char *fsc_name(unsigned fsc)
{
	switch (fsc & 0x3c) {
	case 0x00: return "address size fault";
	case 0x04: return "translation fault";
	case 0x08: return "access flag fault";
	case 0x0c: return "permission fault";
	case 0x14: return "synchronous external abort on table walk";
	}
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x11: return "tag check fault";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	}
	return "other";
}

static void exc_dump(uint64_t kind, const struct aarch64_frame *f)
{
	unsigned type = kind & 3, src = (kind >> 2) & 3;
	unsigned ec = ESR_EC(f->esr);

	kprintf("\n*** aarch64: unexpected %s (%s) at EL%u%s\n", vec_type_names[type],
		vec_source_names[src], aarch64_regime.el, aarch64_regime.vhe ? " (VHE)" : "");
	if (type == VEC_IRQ || type == VEC_FIQ) {
		kprintf("*** interrupts are not expected here: DAIF was unmasked or a GIC\n"
			"*** interrupt was left pending and routed here\n");
	}
	kprintf("ESR  %016lx  EC 0x%02x: %s, IL %u, ISS 0x%07lx\n", f->esr, ec, aarch64_ec_name(ec),
		(unsigned)(f->esr >> 25) & 1, f->esr & 0x1ffffff);
	if (ec >= 0x20 && ec <= 0x25 && ec != 0x22 && ec != 0x23) {
		unsigned fsc = f->esr & 0x3f;
		bool data = ec == 0x24 || ec == 0x25;
		kprintf("     FSC 0x%02x: %s", fsc, fsc_name(fsc));
		if ((fsc & 0x30) == 0)
			kprintf(" (level %u)", fsc & 3);
		if (data)
			kprintf(", %s", (f->esr >> 6) & 1 ? "write" : "read");
		if ((f->esr >> 10) & 1)
			kprintf(", FAR not valid");
		kprintf("\n");
	}
	kprintf("ELR  %016lx", f->elr);
	if (exc_image_base && f->elr >= exc_image_base)
		kprintf("  (image + 0x%lx)", f->elr - exc_image_base);
	kprintf("\nFAR  %016lx%s\n", f->far,
		aarch64_far_valid(f->esr) ? "" : "  (not valid for this class)");
	kprintf("SPSR %016lx  (M 0x%lx, DAIF %lx)\n", f->spsr, f->spsr & 0x1f,
		(f->spsr >> 6) & 0xf);
	for (int i = 0; i < 31; i += 2) {
		if (i == 30)
			kprintf("x30  %016lx  sp   %016lx\n", f->x[30], f->sp);
		else
			kprintf("x%-2d  %016lx  x%-2d  %016lx\n", i, f->x[i], i + 1, f->x[i + 1]);
	}
}

/* Ends the run as a harness error (verdict 2). */
__attribute__((noreturn)) static void exc_fatal(uint64_t kind, const struct aarch64_frame *f)
{
	panic("unexpected %s at EL%u, EC 0x%02x (%s), ELR 0x%lx, FAR 0x%lx",
	      vec_type_names[kind & 3], aarch64_regime.el, (unsigned)ESR_EC(f->esr),
	      aarch64_ec_name(ESR_EC(f->esr)), f->elr, f->far);
}

void aarch64_exception(uint64_t kind, struct aarch64_frame *f)
{
	struct aarch64_percpu *pc = aarch64_this_cpu();
	unsigned type = kind & 3, src = (kind >> 2) & 3;
	unsigned *exc_depth = &pc->exc_depth;

	(*exc_depth)++;
	/* A synchronous fault or an SError under an armed catch goes back to it. */
	if ((type == VEC_SYNC || type == VEC_SERROR) && aarch64_catch_take(f, exc_depth))
		goto out;
	/* An interrupt of the kernel itself (not of a handler): the GIC's. */
	if (type == VEC_IRQ && *exc_depth == 1 && (src == VEC_CUR_SP0 || src == VEC_CUR_SPX) &&
	    gic_irq_entry(pc))
		goto out;

	if (*exc_depth > 4) {
		for (;;)
			__asm__ volatile("msr daifset, #0xf\n\twfi");
	}
	if (*exc_depth > 2) {
		/* Faulted while dumping a fault: say as little as possible. */
		kputs("\n*** aarch64: recursive exception, stopping\n");
		arch_exit(2, EXIT_METHOD_QEMU);
	}
	if (*exc_depth > 1)
		kprintf("\n*** aarch64: exception inside an exception handler\n");
	exc_dump(kind, f);
	exc_fatal(kind, f);
out:
	(*exc_depth)--;
}
