/* SPDX-License-Identifier: MIT */
/*
 * Fault catching, setjmp-style (struct aarch64_catch in aarch64.h):
 * aarch64_catch_call saves the callee-saved state (AAPCS64 x19-x29, LR,
 * SP) in the record, then calls fn(arg) and returns 0. When fn faults,
 * the dispatcher points ELR at aarch64_catch_resume with x0 = record, and
 * the exception return lands there: the saved state comes back and
 * aarch64_catch_call appears to return 1.
 */

	.text
	.globl aarch64_catch_call
	.hidden aarch64_catch_call
	.type aarch64_catch_call, %function
/* int aarch64_catch_call(struct aarch64_catch *rec, void (*fn)(void *), void *arg) */
aarch64_catch_call:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x3, sp
	str	x3, [x0, #96]
	mov	x19, x0
	mov	x0, x2
	blr	x1
	mov	x0, x19
	ldp	x29, x30, [x0, #80]
	ldr	x19, [x0, #0]
	mov	x0, #0
	ret
	.size aarch64_catch_call, . - aarch64_catch_call

	.globl aarch64_catch_resume
	.hidden aarch64_catch_resume
	.type aarch64_catch_resume, %function
/* void aarch64_catch_resume(struct aarch64_catch *rec), entered by ERET */
aarch64_catch_resume:
	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldr	x1, [x0, #96]
	mov	sp, x1
	mov	x0, #1
	ret
	.size aarch64_catch_resume, . - aarch64_catch_resume
