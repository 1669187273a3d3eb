; SPDX-License-Identifier: MIT
; IDT entry stubs for all 256 vectors, the common trap frame, GDT loading
; and fault catching (its record is per CPU, at gs:8). The frame layout is struct x86_regs in x86.h.
bits 64
default rel

extern x86_trap
global x86_isr_table
global x86_gdt_load
global arch_catch_fault
global x86_catch_resume

section .text

; Vectors that push an error code (SDM Vol. 3A §6.13): 8, 10-14, 17, 21, 29, 30.
%macro ISR 1
isr_%1:
%if %1 = 8 || (%1 >= 10 && %1 <= 14) || %1 = 17 || %1 = 21 || %1 = 29 || %1 = 30
%else
	push 0
%endif
	push %1
	jmp isr_common
%endmacro

%assign v 0
%rep 256
	ISR v
%assign v v+1
%endrep

isr_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	cld
	mov rdi, rsp
	mov rbp, rsp
	and rsp, -16
	call x86_trap
	mov rsp, rbp
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
	add rsp, 16		; vector, error code
	iretq

; void x86_gdt_load(struct descriptor_ptr *p, u16 code, u16 data, u16 tss)
x86_gdt_load:
	lgdt [rdi]
	mov ds, dx
	mov es, dx
	mov ss, dx
	xor eax, eax
	mov fs, ax
	mov gs, ax
	ltr cx
	push rsi
	lea rax, [.reload]
	push rax
	retfq
.reload:
	ret

; int arch_catch_fault(void (*fn)(void *), void *arg, struct arch_fault *f)
; Saves the callee-saved registers on this stack and records the stack
; pointer; a fault while armed resumes at x86_catch_resume with that stack.
arch_catch_fault:
	push rbp
	mov rbp, rsp
	push rbx
	push r12
	push r13
	push r14
	push r15
	sub rsp, 8
	; this CPU's record: struct x86_percpu at gs:0, catch record at gs:8
	cmp qword [gs:24], 0
	jne .nested
	mov [gs:8], rsp
	mov [gs:16], rdx
	mov qword [gs:24], 1
	mov rax, rdi
	mov rdi, rsi
	call rax
	xor eax, eax
.disarm:
	mov qword [gs:24], 0
.restore:
	add rsp, 8
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret
.nested:
	mov eax, -16		; -EBUSY: a catch is already armed (and stays armed)
	jmp .restore

; Entered by iretq from x86_trap with rsp = the recorded stack pointer.
x86_catch_resume:
	mov eax, 1
	jmp arch_catch_fault.disarm

section .data
align 8
x86_isr_table:
%assign v 0
%rep 256
	dq isr_ %+ v
%assign v v+1
%endrep
