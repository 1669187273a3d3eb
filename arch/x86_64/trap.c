/* SPDX-License-Identifier: MIT */
/* Exceptions and interrupts arrive here from isr.asm. */
#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/x86.h"
#include "kernel/console.h"
#include "kernel/exit.h"

static const char *const exception_names[32] = {
	"#DE divide error",
	"#DB debug",
	"NMI",
	"#BP breakpoint",
	"#OF overflow",
	"#BR bound range",
	"#UD invalid opcode",
	"#NM device not available",
	"#DF double fault",
	"coprocessor segment overrun",
	"#TS invalid TSS",
	"#NP segment not present",
	"#SS stack fault",
	"#GP general protection",
	"#PF page fault",
	"reserved",
	"#MF x87 error",
	"#AC alignment check",
	"#MC machine check",
	"#XM SIMD error",
	"#VE virtualization",
	"#CP control protection",
	"reserved",
	"reserved",
	"reserved",
	"reserved",
	"reserved",
	"reserved",
	"#HV hypervisor injection",
	"#VC VMM communication",
	"#SX security",
	"reserved",
};

void x86_dump_regs(const struct x86_regs *r)
{
	kprintf("# cpu %u apic %u vector %llu (%s) error_code 0x%llx\n", x86_this_cpu()->index,
		x86_this_cpu()->apic_id, (unsigned long long)r->vector,
		r->vector < 32 ? exception_names[r->vector] : "interrupt",
		(unsigned long long)r->error_code);
	kprintf("# rip %016llx cs %04llx rflags %016llx\n", (unsigned long long)r->rip,
		(unsigned long long)r->cs, (unsigned long long)r->rflags);
	kprintf("# rsp %016llx ss %04llx cr2 %016llx cr3 %016llx\n", (unsigned long long)r->rsp,
		(unsigned long long)r->ss, (unsigned long long)read_cr2(),
		(unsigned long long)read_cr3());
	kprintf("# rax %016llx rbx %016llx rcx %016llx rdx %016llx\n", (unsigned long long)r->rax,
		(unsigned long long)r->rbx, (unsigned long long)r->rcx, (unsigned long long)r->rdx);
	kprintf("# rsi %016llx rdi %016llx rbp %016llx r8  %016llx\n", (unsigned long long)r->rsi,
		(unsigned long long)r->rdi, (unsigned long long)r->rbp, (unsigned long long)r->r8);
	kprintf("# r9  %016llx r10 %016llx r11 %016llx r12 %016llx\n", (unsigned long long)r->r9,
		(unsigned long long)r->r10, (unsigned long long)r->r11, (unsigned long long)r->r12);
	kprintf("# r13 %016llx r14 %016llx r15 %016llx\n", (unsigned long long)r->r13,
		(unsigned long long)r->r14, (unsigned long long)r->r15);
	kprintf("# image base 0x%llx: rip - base = 0x%llx\n", (unsigned long long)x86_image_base(),
		(unsigned long long)(r->rip - x86_image_base()));
}

static void trap_catch_fault(struct x86_catch *c, struct x86_regs *r)
{
	struct arch_fault *f = (struct arch_fault *)(uintptr_t)c->fault;
	if (f) {
		f->vector = r->vector;
		f->code = r->error_code;
		f->addr = r->vector == 14 ? read_cr2() : 0;
		f->pc = r->rip;
	}
	c->armed = 0;
	r->rip = (uint64_t)(uintptr_t)x86_catch_resume;
	r->rsp = c->rsp;
	r->cs = X86_SEL_CODE;
	r->ss = X86_SEL_DATA;
}

void x86_trap(struct x86_regs *r)
{
	if (r->vector < 32) {
		struct x86_catch *c = &x86_this_cpu()->catch_rec;
		if (c->armed && r->vector != 2 && r->vector != 8 && r->vector != 18) {
			trap_catch_fault(c, r);
			return;
		}
		kprintf("Bail out! unexpected exception %llu (%s) on CPU %u\n",
			(unsigned long long)r->vector, exception_names[r->vector],
			x86_this_cpu()->index);
		x86_dump_regs(r);
		kernel_exit(VERDICT_ERROR);
	}
	x86_interrupt(r);
}
