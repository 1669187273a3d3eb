/* SPDX-License-Identifier: MIT */
/*
 * Our own GDT and TSS, one pair per CPU (SDM Vol. 3A §3.4.5, §7.7; a TSS
 * descriptor is marked busy when loaded, so CPUs cannot share one): a
 * 64-bit code segment, a data segment, and a TSS whose IST1 gives #DF, NMI
 * and #MC a known-good stack even when the faulting stack is not.
 */
#include <stdint.h>
#include <string.h>

#include "arch/x86_64/percpu.h"
#include "arch/x86_64/x86.h"

static uint8_t bsp_ist1_stack[16384] __attribute__((aligned(16)));

struct descriptor_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

void x86_gdt_load(struct descriptor_ptr *p, uint16_t code_sel, uint16_t data_sel, uint16_t tss_sel);

void x86_gdt_init_cpu(struct x86_percpu *pc, uint64_t ist1_top)
{
	struct x86_tss *tss = &pc->tss;
	uint64_t *gdt = pc->gdt;
	memset(tss, 0, sizeof(*tss));
	tss->ist[0] = ist1_top;
	tss->iomap_base = sizeof(*tss);

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffull; /* 0x08: code, L=1, DPL 0 */
	gdt[2] = 0x00cf92000000ffffull; /* 0x10: data */
	uint64_t base = (uint64_t)(uintptr_t)tss, limit = sizeof(*tss) - 1;
	gdt[3] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ull << 40 |
		 ((limit >> 16) & 0xf) << 48 |
		 ((base >> 24) & 0xff) << 56; /* 0x18: available 64-bit TSS */
	gdt[4] = base >> 32;

	struct descriptor_ptr p = {sizeof(pc->gdt) - 1, (uint64_t)(uintptr_t)gdt};
	x86_gdt_load(&p, X86_SEL_CODE, X86_SEL_DATA, X86_SEL_TSS);
	x86_percpu_activate(pc);
}

void x86_gdt_init(void)
{
	struct x86_percpu *pc = x86_percpu_of(0);
	x86_percpu_activate(pc);
	x86_gdt_init_cpu(pc, (uint64_t)(uintptr_t)(bsp_ist1_stack + sizeof(bsp_ist1_stack)));
}
