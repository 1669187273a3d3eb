/* SPDX-License-Identifier: MIT */
/* Declarations shared inside arch/x86_64. */
#ifndef DOORBELL_X86_H
#define DOORBELL_X86_H

#include <stdbool.h>
#include <stdint.h>

#define X86_SEL_CODE 0x08
#define X86_SEL_DATA 0x10
#define X86_SEL_TSS  0x18

/* The frame isr.asm builds; order matches its pushes. */
struct x86_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Fault catching (isr.asm): one record per CPU, in struct x86_percpu. */
struct x86_catch {
	uint64_t rsp;   /* stack pointer to resume on */
	uint64_t fault; /* struct arch_fault * to fill */
	uint64_t armed;
};
void x86_catch_resume(void);

void x86_gdt_init(void);
void x86_idt_init(void);
/* Load the (shared) IDT on this CPU. */
void x86_idt_load(void);
/* Mask both legacy 8259 PICs. */
void x86_pic_mask_all(void);
void x86_trap(struct x86_regs *r);
void x86_dump_regs(const struct x86_regs *r);
void x86_tsc_calibrate(void);

/* Interrupts (vectors 32-255). */
void x86_interrupt(struct x86_regs *r);
/* LAPIC_VEC_BARE while the bare path is open: counted and acknowledged (irq_bare.c). */
bool x86_irq_bare_take(uint32_t vector);
uint64_t x86_image_base(void);
void x86_pm_timer_set(uint16_t port, bool is_32bit);
/* INIT all other CPUs: they halt in wait-for-SIPI. False when the local APIC is off. */
bool x86_park_aps(void);
/* The hypervisor advertises KVM_FEATURE_MSI_EXT_DEST_ID. */
bool x86_hv_msi_ext_dest_id(void);
/* mmu.c: an address with no translation (boot.exception's page fault). */
uint64_t x86_mmu_unmapped_addr(void);

#endif
