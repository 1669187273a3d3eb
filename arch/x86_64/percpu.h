/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU data, one struct x86_percpu per logical CPU, found through the
 * GS base (IA32_GS_BASE, SDM Vol. 3A §3.4.4): gs:0 holds its own address.
 * isr.asm reaches the fault-catch record at fixed offsets (checked below).
 */
#ifndef DOORBELL_X86_PERCPU_H
#define DOORBELL_X86_PERCPU_H

#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/x86.h"
#include "kernel/irq/irq_types.h"
#include "kernel/spinlock.h"

/* A 64-bit TSS (SDM Vol. 3A §7.7). */
struct x86_tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct x86_percpu {
	struct x86_percpu *self;    /* gs:0 */
	struct x86_catch catch_rec; /* gs:8 rsp, gs:16 fault, gs:24 armed */
	uint32_t index;             /* logical CPU index */
	uint32_t apic_id;
	volatile uint32_t online;
	uint32_t pad;
	uint64_t stack_top;
	uint64_t call_ipi_count; /* wake-ups taken on LAPIC_VEC_CALL */
	uint64_t unexpected_count;
	uint64_t timer_wake_count; /* LAPIC_VEC_TIMER taken */
	uint64_t gdt[5] __attribute__((aligned(16)));
	struct x86_tss tss;
};

_Static_assert(offsetof(struct x86_percpu, catch_rec) == 8, "isr.asm uses gs:8");
_Static_assert(offsetof(struct x86_catch, armed) == 16, "isr.asm uses gs:24");

static inline struct x86_percpu *x86_this_cpu(void)
{
	struct x86_percpu *p;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(p));
	return p;
}

/* Storage for every logical CPU; index 0 is the boot CPU. */
struct x86_percpu *x86_percpu_of(unsigned index);
/* Point GS base at pc (after every segment reload: loading GS may clear it). */
void x86_percpu_activate(struct x86_percpu *pc);
/* Build and load pc's GDT and TSS, IST1 at ist1_top (#DF, NMI, #MC). */
void x86_gdt_init_cpu(struct x86_percpu *pc, uint64_t ist1_top);

#endif
