; SPDX-License-Identifier: MIT
; The multiboot entry (Multiboot 0.6.96 §3.1, §3.2): the header with the
; address fields (flags bit 16), so a loader that cannot read a 64-bit ELF
; (QEMU's -kernel) loads the flat image at its link address. The loader
; enters in 32-bit protected mode, paging off, EAX = 0x2BADB002, EBX = the
; information structure. Here: identity tables for the first 4 GiB in
; 2 MiB pages (the fourth GiB, where the MMIO holes are, uncached), then
; long mode (SDM Vol. 3A §9.8.5: PAE, CR3, EFER.LME, CR0.PG, a far jump
; to a 64-bit code segment), a stack, and multiboot_main(magic, info).
; Linked at a fixed address (linker/x86_64-multiboot.lds).
bits 32
default abs

MB_MAGIC	equ 0x1badb002
MB_FLAGS	equ (1 << 0) | (1 << 1) | (1 << 16)	; modules page aligned, memory info, address fields
STACK_SIZE	equ 128 * 1024
PTE_P		equ 1 << 0
PTE_W		equ 1 << 1
PTE_PWT		equ 1 << 3
PTE_PCD		equ 1 << 4
PTE_PS		equ 1 << 7

extern multiboot_main
extern __mb_load_start
extern __mb_load_end
extern __mb_bss_end
global mb_entry

section .mbheader progbits alloc exec nowrite align=4
mb_header:
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)
	dd mb_header			; header_addr
	dd __mb_load_start		; load_addr
	dd __mb_load_end		; load_end_addr
	dd __mb_bss_end			; bss_end_addr
	dd mb_entry			; entry_addr

section .text
mb_entry:
	cli
	cld
	mov esp, mb_stack_top
	mov ebp, eax			; the loader's magic, for multiboot_main
	mov esi, ebx			; the information structure

	; The tables live in .bss: zero them (the loader zeroes .bss; do not rely on it).
	mov edi, mb_pml4
	mov ecx, (mb_tables_end - mb_pml4) / 4
	xor eax, eax
	rep stosd
	mov dword [mb_pml4], mb_pdpt + PTE_P + PTE_W
	mov edi, mb_pdpt
	mov eax, mb_pd + PTE_P + PTE_W
	mov ecx, 4
.pdpt:
	mov [edi], eax
	add edi, 8
	add eax, 4096
	loop .pdpt
	; 2048 entries of 2 MiB: 0..4 GiB; the last 512 (3-4 GiB) uncached.
	mov edi, mb_pd
	mov eax, PTE_P + PTE_W + PTE_PS
	xor ecx, ecx
.pd:
	mov ebx, eax
	cmp ecx, 3 * 512
	jb .wb
	or ebx, PTE_PCD + PTE_PWT
.wb:
	mov [edi], ebx
	mov dword [edi + 4], 0
	add edi, 8
	add eax, 1 << 21
	inc ecx
	cmp ecx, 4 * 512
	jb .pd

	lgdt [mb_gdt_ptr]
	mov eax, cr4
	or eax, (1 << 5) | (1 << 9) | (1 << 10)	; PAE, OSFXSR, OSXMMEXCPT
	mov cr4, eax
	mov eax, mb_pml4
	mov cr3, eax
	mov ecx, 0xc0000080		; IA32_EFER
	rdmsr
	or eax, 1 << 8			; LME
	wrmsr
	mov eax, cr0
	and eax, ~((1 << 2) | (1 << 3))	; EM, TS off
	or eax, (1 << 0) | (1 << 1) | (1 << 5) | (1 << 16) | (1 << 31)	; PE, MP, NE, WP, PG
	mov cr0, eax
	jmp 0x08:mb_long

bits 64
mb_long:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov esp, mb_stack_top
	mov edi, ebp			; magic (upper halves are zero after mov r32)
	mov esi, esi			; info
	xor ebp, ebp
	call multiboot_main
.dead:
	cli
	hlt
	jmp .dead

section .rodata
align 16
mb_gdt:
	dq 0
	dq 0x00af9a000000ffff		; 0x08: 64-bit code
	dq 0x00cf92000000ffff		; 0x10: data
mb_gdt_end:
mb_gdt_ptr:
	dw mb_gdt_end - mb_gdt - 1
	dd mb_gdt

section .bss
alignb 4096
mb_pml4:	resb 4096
mb_pdpt:	resb 4096
mb_pd:		resb 4 * 4096
mb_tables_end:
alignb 16
mb_stack:	resb STACK_SIZE
mb_stack_top:
