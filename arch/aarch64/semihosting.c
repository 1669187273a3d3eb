/* SPDX-License-Identifier: MIT */
/*
 * Arm semihosting (Arm "Semihosting for AArch32 and AArch64", v3): on
 * AArch64 a HLT #0xF000 with the operation in w0 and a parameter in x1.
 * QEMU serves it with -semihosting-config enable=on; otherwise HLT is an
 * undefined instruction (EC 0x00), so the first use is made under a fault
 * catch.
 */
#include "arch/aarch64/aarch64.h"

#define SYS_ERRNO                    0x13
#define SYS_EXIT_EXTENDED            0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static uint64_t semihost_call(uint64_t op, uint64_t param)
{
	register uint64_t x0 __asm__("x0") = op;
	register uint64_t x1 __asm__("x1") = param;
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

static void semihost_probe_fn(void *arg)
{
	(void)semihost_call(SYS_ERRNO, 0);
}

bool aarch64_semihosting_present(void)
{
	static int state; /* 0 unknown, 1 present, -1 absent */
	struct arch_fault f;

	if (!state)
		state = arch_catch_fault(semihost_probe_fn, 0, &f) ? -1 : 1;
	return state > 0;
}

void aarch64_semihosting_exit(int code)
{
	/* The parameter block of SYS_EXIT_EXTENDED: reason, subcode. */
	uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint64_t)(int64_t)code};

	if (!aarch64_semihosting_present())
		return;
	semihost_call(SYS_EXIT_EXTENDED, (uint64_t)(uintptr_t)block);
}
