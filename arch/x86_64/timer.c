/* SPDX-License-Identifier: MIT */
/*
 * The deadline counter is the TSC, calibrated against PIT channel 2
 * (8254: 1.193182 MHz), whose gate and output are on port 0x61. The ACPI
 * PM timer (3.579545 MHz, from the FADT) is the second clock that
 * boot.timer checks the TSC against.
 */
#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"
#include "kernel/exit.h"

#define PIT_HZ 1193182u
#define PIT_CAL_MS 10u
/* Bounded spin on the PIT output so a missing PIT cannot hang the boot. */
#define PIT_SPIN_LIMIT 50000000u

static uint64_t tsc_hz;

/* Ticks of the TSC while PIT channel 2 counts down PIT_CAL_MS, 0 if it never ends. */
static uint64_t pit_window_ticks(void)
{
	uint16_t count = (uint16_t)(PIT_HZ * PIT_CAL_MS / 1000);
	uint8_t gate = inb(0x61);
	outb(0x61, (uint8_t)((gate & ~0x02) | 0x01)); /* gate on, speaker off */
	outb(0x43, 0xb0);                              /* channel 2, lo/hi, mode 0 */
	outb(0x42, (uint8_t)count);
	outb(0x42, (uint8_t)(count >> 8));
	uint64_t t0 = rdtsc();
	for (uint32_t i = 0; i < PIT_SPIN_LIMIT; i++) {
		if (inb(0x61) & 0x20) {
			uint64_t t1 = rdtsc();
			outb(0x61, gate);
			return t1 - t0;
		}
	}
	outb(0x61, gate);
	return 0;
}

void arch_timer_init(const struct boot_info *bi)
{
	(void)bi;
	uint64_t best = 0;
	/* The shortest of three windows: a host hiccup only lengthens one. */
	for (int i = 0; i < 3; i++) {
		uint64_t t = pit_window_ticks();
		if (t && (!best || t < best))
			best = t;
	}
	if (!best)
		panic("TSC calibration: PIT channel 2 never counted down");
	tsc_hz = best * 1000 / PIT_CAL_MS;
}

uint64_t arch_counter_read(void)
{
	return rdtsc();
}

uint64_t arch_counter_hz(void)
{
	/* Before calibration (the EFI stage) a nominal 1 GHz keeps arithmetic sane. */
	return tsc_hz ? tsc_hz : 1000000000ull;
}

uint64_t x86_tsc_hz(void)
{
	return tsc_hz;
}
