/* SPDX-License-Identifier: MIT */
/*
 * The legacy 8259 pair: mask every line (OCW1 = 0xff on both data ports) so
 * nothing arrives through LINT0/ExtINT; interrupts come from the local APIC
 * only (SDM Vol. 3A §10.1, 8259A datasheet OCW1).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"

#define PIC_MASTER_DATA 0x21
#define PIC_SLAVE_DATA  0xa1

void x86_pic_mask_all(void)
{
	outb(PIC_SLAVE_DATA, 0xff);
	outb(PIC_MASTER_DATA, 0xff);
}
