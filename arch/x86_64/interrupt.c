/* SPDX-License-Identifier: MIT */
/*
 * External interrupts (vectors 32-255), with interrupts off (interrupt
 * gates). Device vectors 0x20..0xEF go to the irq core through the vector
 * domain, then EOI. The spurious vector gets no EOI (SDM Vol. 3A §10.9);
 * the call vector only wakes the CPU (the idle loop runs the call).
 */
#include "arch/hooks.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/vector_domain.h"
#include "arch/x86_64/x86.h"
#include "kernel/console.h"
#include "kernel/irq/irq.h"

void x86_interrupt(struct x86_regs *r)
{
	struct x86_percpu *pc = x86_this_cpu();
	uint32_t vector = (uint32_t)r->vector;

	if (vector == LAPIC_VEC_SPURIOUS) {
		irq_account_spurious(IRQ_CPU(pc->index));
		return;
	}
	if (vector == LAPIC_VEC_TIMER) { /* arch_sleep_until's wake-up: nothing to do */
		pc->timer_wake_count++;
		lapic_eoi();
		return;
	}
	if (vector == LAPIC_VEC_CALL) {
		pc->call_ipi_count++;
		lapic_eoi();
		return;
	}
	if (vector == LAPIC_VEC_BARE && x86_irq_bare_take(vector))
		return;
	struct irq_domain *d = arch_irq_domain();
	if (d && vector >= X86_VECTOR_FIRST && vector < X86_VECTOR_END) {
		irq_handle(d, IRQ_CPU(pc->index), HWIRQ(vector));
		lapic_eoi();
		return;
	}
	pc->unexpected_count++;
	kprintf("# unexpected interrupt on vector 0x%x, CPU %u (total %llu)\n", vector, pc->index,
		(unsigned long long)pc->unexpected_count);
	lapic_eoi();
}
