/* SPDX-License-Identifier: MIT */
/*
 * Exception vector tables (Arm ARM DDI 0487, D1.10.2 "Exception vectors"):
 * 16 entries of 0x80 bytes, table aligned to 2 KiB. Entry i has
 * source group i / 4 (current EL with SP_EL0, current EL with SP_ELx,
 * lower EL AArch64, lower EL AArch32) and type i % 4 (synchronous, IRQ,
 * FIQ, SError); the entry passes i as the "kind" to aarch64_exception.
 *
 * There is one table per exception level we may run at: the syndrome,
 * link and status registers are banked by EL (ESR_EL1 vs ESR_EL2, ...).
 * Each entry saves a full struct aarch64_frame (aarch64.h) on SP_ELx.
 */

#define FRAME_SIZE (36 * 8)
#define FRAME_SP (31 * 8)
#define FRAME_ELR (32 * 8)
#define FRAME_ESR (34 * 8)

.macro ventry el, kind
	.balign 0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	b	exc_common_el\el
.endm

.macro vtable el
	.section .text.vectors_el\el, "ax", %progbits
	.balign 2048
	.globl aarch64_vectors_el\el
	.hidden aarch64_vectors_el\el
aarch64_vectors_el\el:
	ventry \el, 0
	ventry \el, 1
	ventry \el, 2
	ventry \el, 3
	ventry \el, 4
	ventry \el, 5
	ventry \el, 6
	ventry \el, 7
	ventry \el, 8
	ventry \el, 9
	ventry \el, 10
	ventry \el, 11
	ventry \el, 12
	ventry \el, 13
	ventry \el, 14
	ventry \el, 15

exc_common_el\el:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	/* SP of the interrupted context: SP_ELx above this frame, else SP_EL0. */
	and	x1, x0, #0xc
	cmp	x1, #4
	b.ne	1f
	add	x2, sp, #FRAME_SIZE
	b	2f
1:	mrs	x2, sp_el0
2:	str	x2, [sp, #FRAME_SP]
	mrs	x2, elr_el\el
	mrs	x3, spsr_el\el
	stp	x2, x3, [sp, #FRAME_ELR]
	mrs	x2, esr_el\el
	mrs	x3, far_el\el
	stp	x2, x3, [sp, #FRAME_ESR]
	mov	x1, sp
	bl	aarch64_exception
	/* The dispatcher may have redirected ELR/x0 (fault catch). */
	ldp	x2, x3, [sp, #FRAME_ELR]
	msr	elr_el\el, x2
	msr	spsr_el\el, x3
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
.endm

	vtable 1
	vtable 2

/*
 * void aarch64_stack_setup(uint64_t exc_stack_top)
 * The kernel keeps running on the stack it has, now through SP_EL0
 * (PSTATE.SP = 0, "ELxt"); exceptions switch to SP_ELx, a dedicated stack,
 * so a fault with a broken stack pointer still gets a register dump.
 */
	.text
	.globl aarch64_stack_setup
	.hidden aarch64_stack_setup
	.type aarch64_stack_setup, %function
aarch64_stack_setup:
	mrs	x2, spsel
	cbz	x2, 1f
	mov	x1, sp
	msr	sp_el0, x1
	mov	sp, x0
	msr	spsel, #0
	ret
1:	msr	spsel, #1
	mov	sp, x0
	msr	spsel, #0
	ret
	.size aarch64_stack_setup, . - aarch64_stack_setup
