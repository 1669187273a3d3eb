; SPDX-License-Identifier: MIT
; AP start-up trampoline (SDM Vol. 3A §8.4.4, §9.8, §9.9.1). Copied to a page
; below 1 MiB; a SIPI with vector VV starts the AP in real mode at VV00:0000.
; Real mode -> protected mode (own flat GDT) -> PAE + EFER.LME + CR0.PG ->
; long mode -> x86_ap_entry(percpu) on the kernel's page tables and the
; AP's own stack. x86_ap_params_set fills the parameter block at the end
; (the copy's linear base, CR3, stack, argument, entry).
bits 16
default abs

global x86_ap_trampoline
global x86_ap_trampoline_end
global x86_ap_tr_gdt_ptr
global x86_ap_tr_pm32_ptr
global x86_ap_tr_lm64_ptr
global x86_ap_tr_cr3
global x86_ap_tr_stack
global x86_ap_tr_arg
global x86_ap_tr_entry

%define OFF(x) ((x) - x86_ap_trampoline)

section .text
align 16
x86_ap_trampoline:
	cli
	cld
	mov ax, cs
	mov ds, ax
	xor ebx, ebx
	mov bx, ax
	shl ebx, 4			; ebx = linear base of this copy
	o32 lgdt [OFF(x86_ap_tr_gdt_ptr)]
	mov eax, cr0
	or eax, 1			; PE
	mov cr0, eax
	jmp dword far [OFF(x86_ap_tr_pm32_ptr)]

bits 32
tr_pm32:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax
	mov eax, cr4
	or eax, 1 << 5			; PAE
	mov cr4, eax
	mov eax, [ebx + OFF(x86_ap_tr_cr3)]
	mov cr3, eax
	mov ecx, 0xc0000080		; IA32_EFER
	rdmsr
	or eax, 1 << 8			; LME
	wrmsr
	mov eax, cr0
	or eax, 0x80000000		; PG: long mode active (IA32_EFER.LMA)
	mov cr0, eax
	jmp far [ebx + OFF(x86_ap_tr_lm64_ptr)]

bits 64
tr_lm64:
	mov ebx, ebx			; upper halves are undefined after the switch
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov rsp, [rbx + OFF(x86_ap_tr_stack)]
	mov rdi, [rbx + OFF(x86_ap_tr_arg)]
	mov rax, [rbx + OFF(x86_ap_tr_entry)]
	xor ebp, ebp
	call rax
.dead:
	cli
	hlt
	jmp .dead

align 16
tr_gdt:
	dq 0
	dq 0x00cf9a000000ffff		; 0x08: 32-bit code
	dq 0x00cf92000000ffff		; 0x10: data
	dq 0x00af9a000000ffff		; 0x18: 64-bit code
tr_gdt_end:

; parameters, filled by x86_ap_params_set
align 8
x86_ap_tr_gdt_ptr:
	dw tr_gdt_end - tr_gdt - 1
	dd OFF(tr_gdt)			; + base
	dw 0
x86_ap_tr_pm32_ptr:
	dd OFF(tr_pm32)			; + base
	dw 0x08
	dw 0
x86_ap_tr_lm64_ptr:
	dd OFF(tr_lm64)			; + base
	dw 0x18
	dw 0
x86_ap_tr_cr3:
	dq 0
x86_ap_tr_stack:
	dq 0
x86_ap_tr_arg:
	dq 0
x86_ap_tr_entry:
	dq 0
x86_ap_trampoline_end:
