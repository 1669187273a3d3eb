/* SPDX-License-Identifier: MIT */
/*
 * Switching from the firmware's identity tables to ours.
 *
 * UEFI hands over with the MMU on. Writing TTBR0 alone while translating
 * through it is not safe: the TLB may then hold entries of both tables for
 * one address with different block sizes, a TLB conflict (Arm ARM DDI 0487
 * D5.10.1, "break-before-make"), and MAIR/TCR may be cached in TLB entries
 * too. So the switch turns stage 1 off for a few instructions:
 *
 *   1. DSB ISH: our table writes (made through cacheable mappings) are
 *      complete; the walker will read them cacheable (TCR IRGN/ORGN = WB,
 *      SH = inner shareable), so no cache cleaning is needed.
 *   2. SCTLR.M = 0, ISB. Addresses are now physical, which equals the
 *      identity-mapped PC. From here until step 5 the code makes NO data
 *      access: with M = 0 data accesses would be Device-nGnRnE, bypassing
 *      the caches that hold the stack and all dirty data.
 *   3. TLBI (VMALLE1 / ALLE2), DSB NSH: nothing of the old tables remains.
 *   4. MAIR, TCR, TTBR0, ISB.
 *   5. SCTLR.M = C = I = 1 (WXN = 0: our RAM mappings are RWX), ISB.
 *
 * Instruction fetches with M = 0 and I = 1 are Normal cacheable (SCTLR_ELx.I),
 * so the window runs from the same lines. Interrupts are masked (DAIF).
 */

#define SCTLR_M (1 << 0)
#define SCTLR_C (1 << 2)
#define SCTLR_I (1 << 12)
#define SCTLR_WXN (1 << 19)

.macro mmu_switch el, tlbi_op
	dsb	ish
	isb
	mrs	x3, sctlr_el\el
	bic	x4, x3, #SCTLR_M
	msr	sctlr_el\el, x4
	isb
	tlbi	\tlbi_op
	dsb	nsh
	msr	mair_el\el, x2
	msr	tcr_el\el, x1
	msr	ttbr0_el\el, x0
	isb
	mov	x4, #(SCTLR_M | SCTLR_C | SCTLR_I)
	orr	x3, x3, x4
	bic	x3, x3, #SCTLR_WXN
	msr	sctlr_el\el, x3
	isb
	ret
.endm

	.text
	.balign 64
	.globl aarch64_mmu_switch_el1
	.hidden aarch64_mmu_switch_el1
	.type aarch64_mmu_switch_el1, %function
/* void aarch64_mmu_switch_el1(uint64_t ttbr0, uint64_t tcr, uint64_t mair) */
aarch64_mmu_switch_el1:
	mmu_switch 1, vmalle1
	.size aarch64_mmu_switch_el1, . - aarch64_mmu_switch_el1

	.balign 64
	.globl aarch64_mmu_switch_el2
	.hidden aarch64_mmu_switch_el2
	.type aarch64_mmu_switch_el2, %function
aarch64_mmu_switch_el2:
	mmu_switch 2, alle2
	.size aarch64_mmu_switch_el2, . - aarch64_mmu_switch_el2
