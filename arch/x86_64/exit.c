/* SPDX-License-Identifier: MIT */
/*
 * Ending the run. Under QEMU: isa-debug-exit at I/O port 0xf4 (QEMU
 * exits with (value << 1) | 1). On a machine: reset through the keyboard
 * controller and port 0xcf9, or halt: the other CPUs get an INIT (halted in
 * wait-for-SIPI), this one halts with interrupts off.
 */
#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"

#define DEBUG_EXIT_PORT 0xf4

void arch_exit(int verdict, enum exit_method m)
{
	cli();
	switch (m) {
	case EXIT_METHOD_QEMU:
		outl(DEBUG_EXIT_PORT, (uint32_t)verdict);
		break; /* no isa-debug-exit device: halt below */
	case EXIT_METHOD_RESET:
		outb(0xcf9, 0x02);
		outb(0xcf9, 0x06); /* PCI reset control: hard reset */
		outb(0x64, 0xfe);  /* keyboard controller pulse */
		break;
	case EXIT_METHOD_POWEROFF: /* needs the FADT's PM1 block: not yet, halt */
	case EXIT_METHOD_HALT: break;
	}
	x86_park_aps();
	for (;;)
		hlt();
}
