/* SPDX-License-Identifier: MIT */
/* Faults boot.exception raises on purpose, with what must be observed. */
#include "arch/hooks.h"

#include "arch/x86_64/x86.h"

static void fault_raise_ud(void *arg)
{
	(void)arg;
	__asm__ volatile("ud2");
}

static void fault_raise_bp(void *arg)
{
	(void)arg;
	__asm__ volatile("int3");
}

static void fault_raise_pf(void *arg)
{
	(void)arg;
	(void)*(volatile uint32_t *)(uintptr_t)x86_mmu_unmapped_addr();
}

static void fault_raise_de(void *arg)
{
	volatile uint32_t zero = 0;
	volatile uint32_t x = 1;
	(void)arg;
	__asm__ volatile("divl %2" : "+a"(x) : "d"(0), "r"(zero));
}

static struct arch_fault_case cases[] = {
	{.name = "ud2", .raise = fault_raise_ud, .vector = 6},
	{.name = "int3", .raise = fault_raise_bp, .vector = 3},
	{.name = "page-fault", .raise = fault_raise_pf, .vector = 14, .check_addr = true},
	{.name = "divide", .raise = fault_raise_de, .vector = 0},
	{0},
};

const struct arch_fault_case *arch_fault_cases(void)
{
	cases[2].addr = x86_mmu_unmapped_addr(); /* the first 1 GiB the identity map leaves out */
	return cases;
}
