/* SPDX-License-Identifier: MIT */
/* Our own IDT (SDM Vol. 3A §6.14.1): 256 interrupt gates into isr.asm. */
#include <stdint.h>

#include "arch/x86_64/x86.h"

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __attribute__((packed));

static struct idt_gate idt[256] __attribute__((aligned(16)));
extern const uint64_t x86_isr_table[256];

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate: IF cleared on entry */

void x86_idt_init(void)
{
	for (unsigned v = 0; v < 256; v++) {
		uint64_t a = x86_isr_table[v];
		idt[v] = (struct idt_gate){
			.offset_lo = (uint16_t)a,
			.selector = X86_SEL_CODE,
			/* #DF, NMI and #MC run on IST1: their stack must be good. */
			.ist = (v == 2 || v == 8 || v == 18) ? 1 : 0,
			.type_attr = GATE_INTERRUPT,
			.offset_mid = (uint16_t)(a >> 16),
			.offset_hi = (uint32_t)(a >> 32),
		};
	}
	x86_idt_load();
}

void x86_idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) p = {sizeof(idt) - 1, (uint64_t)(uintptr_t)idt};
	__asm__ volatile("lidt %0" ::"m"(p));
}
