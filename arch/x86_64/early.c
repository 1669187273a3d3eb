/* SPDX-License-Identifier: MIT */
#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"
#include "boot/handoff.h"

const char arch_name[] = "x86_64";

static uint64_t image_base;

uint64_t x86_image_base(void)
{
	return image_base;
}

void arch_early_init(const struct boot_info *bi)
{
	cli();
	image_base = bi->image_base;
	x86_gdt_init();
	x86_idt_init();
	x86_park_aps();
}

void arch_cpu_relax(void)
{
	__asm__ volatile("pause");
}

void arch_cpu_halt(void)
{
	hlt();
}

void arch_wmb(void)
{
	__asm__ volatile("sfence" ::: "memory");
}

void arch_mb(void)
{
	__asm__ volatile("mfence" ::: "memory");
}

void arch_dcache_clean(const void *p, uint64_t len)
{
	/* x86 DMA snoops the caches. */
	(void)p;
	(void)len;
	__asm__ volatile("" ::: "memory");
}
