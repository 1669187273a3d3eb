/* SPDX-License-Identifier: MIT */
/*
 * Ending the run. Under QEMU the verdict leaves through semihosting
 * SYS_EXIT_EXTENDED (QEMU exits with exactly that status); without
 * semihosting, PSCI SYSTEM_OFF (QEMU then exits with 0: the serial log's
 * sentinel line carries the verdict). Anything that fails ends in a WFI
 * loop with interrupts masked.
 */
#include "arch/aarch64/aarch64.h"
#include "kernel/console.h"
#include "kernel/errno.h"

#define PSCI_SYSTEM_OFF   0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

__attribute__((noreturn)) static void exit_halt(void)
{
	for (;;)
		__asm__ volatile("msr daifset, #0xf\n\twfi" ::: "memory");
}

static void exit_psci(uint32_t fn, const char *what)
{
	enum psci_conduit c = aarch64_psci_conduit();
	int64_t ret = 0;
	int err = aarch64_psci_call(fn, 0, 0, 0, &ret);

	/* Both calls return only on failure. */
	if (err == -ENODEV)
		kprintf("# arch_exit: no PSCI (the FADT says so) for %s; halting\n", what);
	else if (err)
		kprintf("# arch_exit: PSCI %s over %s trapped (no PSCI there); halting\n", what,
			aarch64_psci_conduit_name(c));
	else
		kprintf("# arch_exit: PSCI %s over %s returned %ld; halting\n", what,
			aarch64_psci_conduit_name(c), (long)ret);
}

void arch_exit(int verdict, enum exit_method m)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	switch (m) {
	case EXIT_METHOD_QEMU:
		aarch64_semihosting_exit(verdict);
		exit_psci(PSCI_SYSTEM_OFF, "SYSTEM_OFF");
		break;
	case EXIT_METHOD_POWEROFF: exit_psci(PSCI_SYSTEM_OFF, "SYSTEM_OFF"); break;
	case EXIT_METHOD_RESET: exit_psci(PSCI_SYSTEM_RESET, "SYSTEM_RESET"); break;
	case EXIT_METHOD_HALT: break;
	}
	exit_halt();
}
