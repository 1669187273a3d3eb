/* SPDX-License-Identifier: MIT */
/* Per-CPU storage and the GS base that finds it (SDM Vol. 3A §3.4.4.1). */
#include "arch/x86_64/percpu.h"

#include "arch/x86_64/cpu.h"

#define MSR_GS_BASE 0xc0000101u

static struct x86_percpu percpu[IRQ_MAX_CPUS];

struct x86_percpu *x86_percpu_of(unsigned index)
{
	return index < IRQ_MAX_CPUS ? &percpu[index] : 0;
}

void x86_percpu_activate(struct x86_percpu *pc)
{
	pc->self = pc;
	pc->index = (uint32_t)(pc - percpu);
	wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)pc);
}
