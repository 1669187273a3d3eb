/* SPDX-License-Identifier: MIT */
/*
 * The deadline counter is the TSC, calibrated against PIT channel 2
 * (8254: 1.193182 MHz; gate on port 0x61), by latched counts. The ACPI
 * PM timer (3.579545 MHz, from the FADT) is the second clock that
 * boot.timer checks the TSC against.
 */
#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"
#include "kernel/exit.h"

#define PIT_HZ 1193182u
/* 40 ms of PIT ticks: long enough that a few microseconds of bracket error is 0.01%. */
#define PIT_CAL_TICKS    47727u
#define PIT_SAMPLE_TRIES 8
#define PIT_CAL_ATTEMPTS 5
/* Bounded spin on the PIT so a missing or stuck PIT cannot hang the boot. */
#define PIT_SPIN_LIMIT 20000000u

static uint64_t tsc_hz;

struct pit_sample {
	uint64_t tsc;   /* midpoint of the bracket */
	uint16_t count; /* PIT channel 2 count latched inside it */
};

static uint16_t pit_latch_count(void)
{
	outb(0x43, 0x80); /* latch channel 2 */
	uint8_t lo = inb(0x42);
	uint8_t hi = inb(0x42);
	return (uint16_t)(hi << 8 | lo);
}

/*
 * The TSC read just before and just after latching the PIT count. The
 * narrowest of several brackets is one the host did not preempt, so the
 * pairing is exact to within its width however loaded the host is.
 */
static struct pit_sample pit_sample(void)
{
	struct pit_sample best = {0, 0};
	uint64_t best_width = ~0ull;
	for (int i = 0; i < PIT_SAMPLE_TRIES; i++) {
		uint64_t t1 = rdtsc();
		uint16_t c = pit_latch_count();
		uint64_t t2 = rdtsc();
		if (t2 - t1 < best_width) {
			best_width = t2 - t1;
			best.tsc = t1 + (t2 - t1) / 2;
			best.count = c;
		}
	}
	return best;
}

/* TSC ticks per second from two PIT samples 40 ms apart (8254 mode 0 counts down). */
static uint64_t pit_calibrate(void)
{
	uint8_t gate = inb(0x61);
	outb(0x61, (uint8_t)((gate & ~0x02) | 0x01)); /* gate on, speaker off */
	outb(0x43, 0xb0);                             /* channel 2, lo/hi, mode 0 */
	outb(0x42, 0xff);
	outb(0x42, 0xff);
	struct pit_sample s0 = pit_sample(), s1 = s0;
	uint32_t i;
	for (i = 0; i < PIT_SPIN_LIMIT; i++) {
		if ((uint16_t)(s0.count - pit_latch_count()) >= PIT_CAL_TICKS)
			break;
	}
	if (i < PIT_SPIN_LIMIT)
		s1 = pit_sample();
	outb(0x61, gate);
	uint16_t ticks = (uint16_t)(s0.count - s1.count);
	if (ticks < PIT_CAL_TICKS || s1.tsc <= s0.tsc)
		return 0;
	return (s1.tsc - s0.tsc) * PIT_HZ / ticks;
}

void arch_timer_init(const struct boot_info *bi)
{
	(void)bi;
	/*
	 * A vCPU preempted for more than the PIT's 55 ms period between two
	 * samples sees the 16-bit count wrap and the measurement is refused:
	 * on a loaded host, try again.
	 */
	for (int attempt = 0; attempt < PIT_CAL_ATTEMPTS && !tsc_hz; attempt++)
		tsc_hz = pit_calibrate();
	if (!tsc_hz)
		panic("TSC calibration: PIT channel 2 did not count down 40 ms in %d attempts",
		      PIT_CAL_ATTEMPTS);
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
