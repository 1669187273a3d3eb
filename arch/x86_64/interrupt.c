/* SPDX-License-Identifier: MIT */
/*
 * External interrupts. Nothing is routed yet: any interrupt is
 * unexpected and counted; the irq core takes over in a later step.
 */
#include "arch/x86_64/x86.h"
#include "kernel/console.h"

static uint64_t unexpected_count;

void x86_interrupt(struct x86_regs *r)
{
	unexpected_count++;
	kprintf("# unexpected interrupt on vector 0x%llx (total %llu)\n",
		(unsigned long long)r->vector, (unsigned long long)unexpected_count);
}
