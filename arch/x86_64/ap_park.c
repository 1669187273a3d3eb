/* SPDX-License-Identifier: MIT */
/*
 * Parking the application processors. After ExitBootServices OVMF's APs
 * wait in a MONITOR/MWAIT loop that TCG runs as a busy loop, eating a host
 * core. An INIT IPI to all but self puts them in wait-for-SIPI, halted,
 * from where INIT-SIPI-SIPI starts them later (SDM Vol. 3A §10.6.1, §8.4.4).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"

#define MSR_APIC_BASE        0x1b
#define APIC_BASE_ENABLE     (1ull << 11)
#define APIC_BASE_X2APIC     (1ull << 10)
#define MSR_X2APIC_ICR       0x830
#define XAPIC_ICR_LO         0x300
#define XAPIC_ICR_HI         0x310
#define ICR_DELIVERY_PENDING (1u << 12)
/* Destination shorthand "all excluding self", INIT, level assert. */
#define ICR_INIT_ALL_BUT_SELF 0x000c4500u
#define ICR_SPIN_LIMIT        1000000u

bool x86_park_aps(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE))
		return false;
	if (base & APIC_BASE_X2APIC) {
		wrmsr(MSR_X2APIC_ICR, ICR_INIT_ALL_BUT_SELF);
		return true;
	}
	volatile uint32_t *apic = (volatile uint32_t *)(uintptr_t)(base & ~0xfffull);
	apic[XAPIC_ICR_HI / 4] = 0;
	apic[XAPIC_ICR_LO / 4] = ICR_INIT_ALL_BUT_SELF;
	for (uint32_t i = 0; i < ICR_SPIN_LIMIT && (apic[XAPIC_ICR_LO / 4] & ICR_DELIVERY_PENDING);
	     i++)
		__asm__ volatile("pause");
	return true;
}
