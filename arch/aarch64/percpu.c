/* SPDX-License-Identifier: MIT */
/* Per-CPU storage and TPIDR_EL1, which finds it. */
#include "arch/aarch64/percpu.h"

static struct aarch64_percpu percpu[IRQ_MAX_CPUS];

struct aarch64_percpu *aarch64_percpu_of(unsigned index)
{
	return index < IRQ_MAX_CPUS ? &percpu[index] : 0;
}

void aarch64_percpu_activate(struct aarch64_percpu *pc)
{
	pc->self = pc;
	pc->index = (uint32_t)(pc - percpu);
	write_sysreg(tpidr_el1, (uint64_t)(uintptr_t)pc);
	isb();
}
