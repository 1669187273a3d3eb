/* SPDX-License-Identifier: MIT */
/*
 * Where a secondary CPU starts after PSCI CPU_ON (Arm DEN 0022, §6.4):
 * at the caller's exception level, MMU and caches off, x0 = the context
 * ID = the physical address of its struct aarch64_boot_block (smp.c),
 * which the boot CPU cleaned to the point of coherency because these
 * loads are non-cacheable. It takes the boot CPU's translation regime
 * (MAIR, TCR, TTBR0, SCTLR: the same identity tables), its vectors, its
 * FP/SIMD trap setting, then its own stacks and TPIDR_EL1, and calls
 * aarch64_secondary_main(percpu), which never returns.
 */

#define BB_PERCPU 0
#define BB_STACK 8
#define BB_EXC_STACK 16
#define BB_TTBR0 24
#define BB_TCR 32
#define BB_MAIR 40
#define BB_SCTLR 48
#define BB_VBAR 56
#define BB_CPACR 64
#define BB_HCR 72

	.text
	.balign 64
	.globl aarch64_secondary_entry
	.hidden aarch64_secondary_entry
	.type aarch64_secondary_entry, %function
aarch64_secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	mrs	x1, CurrentEL
	ubfx	x1, x1, #2, #2
	cmp	x1, #2
	b.eq	2f

	ldr	x2, [x19, #BB_CPACR]
	msr	cpacr_el1, x2
	ldr	x2, [x19, #BB_MAIR]
	msr	mair_el1, x2
	ldr	x2, [x19, #BB_TCR]
	msr	tcr_el1, x2
	ldr	x2, [x19, #BB_TTBR0]
	msr	ttbr0_el1, x2
	ldr	x2, [x19, #BB_VBAR]
	msr	vbar_el1, x2
	isb
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	ldr	x2, [x19, #BB_SCTLR]
	msr	sctlr_el1, x2
	isb
	b	3f

2:	ldr	x2, [x19, #BB_HCR]
	msr	hcr_el2, x2
	isb
	ldr	x2, [x19, #BB_CPACR]
	msr	cptr_el2, x2
	ldr	x2, [x19, #BB_MAIR]
	msr	mair_el2, x2
	ldr	x2, [x19, #BB_TCR]
	msr	tcr_el2, x2
	ldr	x2, [x19, #BB_TTBR0]
	msr	ttbr0_el2, x2
	ldr	x2, [x19, #BB_VBAR]
	msr	vbar_el2, x2
	isb
	tlbi	alle2
	ic	iallu
	dsb	nsh
	isb
	ldr	x2, [x19, #BB_SCTLR]
	msr	sctlr_el2, x2
	isb

	/* Exceptions on SP_ELx (the exception stack), the kernel on SP_EL0. */
3:	ldr	x2, [x19, #BB_EXC_STACK]
	msr	spsel, #1
	mov	sp, x2
	ldr	x2, [x19, #BB_STACK]
	msr	spsel, #0
	mov	sp, x2
	ldr	x0, [x19, #BB_PERCPU]
	msr	tpidr_el1, x0
	isb
	mov	x29, #0
	mov	x30, #0
	bl	aarch64_secondary_main
4:	wfi
	b	4b
	.size aarch64_secondary_entry, . - aarch64_secondary_entry
