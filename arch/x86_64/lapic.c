/* SPDX-License-Identifier: MIT */
/*
 * Local APIC access (SDM Vol. 3A ch. 10/11). In xAPIC mode the registers
 * are 32-bit MMIO words at the APIC base (uncached in our page tables); in
 * x2APIC mode register offset R is MSR 0x800 + R/16 (§10.12.1.2), the ID is
 * 32 bits wide and the ICR is one 64-bit MSR without delivery status.
 */
#include "arch/x86_64/lapic.h"

#include "arch/hooks.h"
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/time.h"

#define MSR_APIC_BASE    0x1b
#define APIC_BASE_EXTD   (1ull << 10) /* x2APIC mode (§10.12.1) */
#define APIC_BASE_ENABLE (1ull << 11)
#define CPUID1_X2APIC    (1u << 21)

#define REG_ID        0x020
#define REG_VERSION   0x030
#define REG_TPR       0x080
#define REG_EOI       0x0b0
#define REG_SVR       0x0f0
#define REG_ESR       0x280
#define REG_ICR_LO    0x300
#define REG_ICR_HI    0x310
#define REG_LVT_TMR   0x320
#define REG_LVT_THM   0x330
#define REG_LVT_PMC   0x340
#define REG_LVT_LINT0 0x350
#define REG_LVT_LINT1 0x360
#define REG_LVT_ERR   0x370

#define SVR_ENABLE   (1u << 8)
#define LVT_MASKED   (1u << 16)
#define ICR_PENDING  (1u << 12)
#define ICR_WAIT_US  1000 /* MP spec B.2 asks for 20 us; TCG may be slower */
#define XAPIC_MAX_ID 0xffu

static bool x2apic;
static volatile uint32_t *xapic_mmio;
static bool mode_chosen;
static bool x2apic_allowed; /* the platform policy's answer, before lapic_init on the BSP */

void lapic_allow_x2apic(bool allowed)
{
	x2apic_allowed = allowed;
}

static uint32_t lapic_read(uint32_t reg)
{
	if (x2apic)
		return (uint32_t)rdmsr(0x800 + (reg >> 4));
	return xapic_mmio[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
	if (x2apic)
		wrmsr(0x800 + (reg >> 4), v);
	else
		xapic_mmio[reg / 4] = v;
}

/*
 * The boot CPU decides the mode: x2APIC when the platform policy allows it
 * (kernel/policy/policy_x2apic.c, passed down by arch_smp_init; it also
 * keeps a firmware's x2APIC mode that cannot be left). Other CPUs follow.
 */
static void lapic_choose_mode(void)
{
	uint32_t r[4];
	cpuid(1, 0, r);
	uint64_t base = rdmsr(MSR_APIC_BASE);
	x2apic = x2apic_allowed && ((base & APIC_BASE_EXTD) || (r[2] & CPUID1_X2APIC));
	xapic_mmio = (volatile uint32_t *)(uintptr_t)(base & 0xffffff000ull);
	mode_chosen = true;
}

void lapic_init(void)
{
	if (!mode_chosen)
		lapic_choose_mode();
	uint64_t base = rdmsr(MSR_APIC_BASE);
	if (!x2apic && (base & APIC_BASE_EXTD)) {
		/* §10.12.5: x2APIC -> xAPIC only through disabled (EN = EXTD = 0). */
		base &= ~(APIC_BASE_ENABLE | APIC_BASE_EXTD);
		wrmsr(MSR_APIC_BASE, base);
	}
	if (!(base & APIC_BASE_ENABLE)) {
		base |= APIC_BASE_ENABLE;
		wrmsr(MSR_APIC_BASE, base);
	}
	if (x2apic && !(base & APIC_BASE_EXTD))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EXTD);

	/* Mask every local source we do not use before enabling (§10.5.1). */
	uint32_t max_lvt = (lapic_read(REG_VERSION) >> 16) & 0xff;
	lapic_write(REG_LVT_TMR, LVT_MASKED);
	lapic_write(REG_LVT_LINT0, LVT_MASKED); /* ExtINT from the 8259s */
	lapic_write(REG_LVT_LINT1, LVT_MASKED); /* NMI: not expected here */
	if (max_lvt >= 4)
		lapic_write(REG_LVT_PMC, LVT_MASKED);
	if (max_lvt >= 5)
		lapic_write(REG_LVT_THM, LVT_MASKED);
	lapic_write(REG_LVT_ERR, LVT_MASKED | LAPIC_VEC_ERROR);
	/* ESR: write before read to latch, twice to clear (§10.5.3). */
	lapic_write(REG_ESR, 0);
	lapic_write(REG_ESR, 0);
	lapic_write(REG_TPR, 0);
	lapic_write(REG_SVR, SVR_ENABLE | LAPIC_VEC_SPURIOUS);
	lapic_eoi(); /* anything the firmware left in service */
}

bool lapic_is_x2apic(void)
{
	return x2apic;
}

uint32_t lapic_id(void)
{
	uint32_t v = lapic_read(REG_ID);
	return x2apic ? v : v >> 24;
}

void lapic_eoi(void)
{
	lapic_write(REG_EOI, 0);
}

static bool xapic_wait_idle(void)
{
	deadline_t d = deadline_in_us(ICR_WAIT_US);
	while (xapic_mmio[REG_ICR_LO / 4] & ICR_PENDING) {
		if (deadline_passed(d))
			return false;
		__asm__ volatile("pause");
	}
	return true;
}

int lapic_send_ipi(uint32_t apic_id, uint32_t icr_lo)
{
	if (x2apic) {
		/* WRMSR to the ICR is not serializing: order earlier stores first (§10.12.3). */
		__asm__ volatile("mfence; lfence" ::: "memory");
		wrmsr(0x830, (uint64_t)apic_id << 32 | icr_lo);
		return 0;
	}
	if (apic_id > XAPIC_MAX_ID)
		return -EINVAL;
	if (!xapic_wait_idle())
		return -ETIMEDOUT;
	xapic_mmio[REG_ICR_HI / 4] = apic_id << 24;
	xapic_mmio[REG_ICR_LO / 4] = icr_lo;
	return xapic_wait_idle() ? 0 : -ETIMEDOUT;
}

/* --- the LVT timer as a one-shot wake-up (§10.5.4) ------------------------- */

#define REG_TMR_INITIAL  0x380
#define REG_TMR_DIVIDE   0x3e0
#define REG_IRR          0x200    /* IRR bits 0..255: eight registers 0x10 apart (§10.8.4) */
#define TMR_DIVIDE_1     0xbu     /* divide configuration 1011b: by 1 */
#define TMR_CALIB_TICKS  1000000u /* 1 ms at QEMU's 1 GHz, ~52 ms at a 19.2 MHz crystal */
#define TMR_CALIB_MAX_US 1000000u

static uint64_t timer_hz; /* the same bus clock on every CPU */

static bool lapic_timer_pending(void)
{
	uint32_t irr = lapic_read(REG_IRR + (LAPIC_VEC_TIMER / 32) * 0x10);
	return irr & (1u << (LAPIC_VEC_TIMER % 32));
}

/*
 * Time TMR_CALIB_TICKS of the timer against the TSC: a one-shot with
 * interrupts off, over when its vector shows in the IRR. The current-count
 * register is never read: under -icount on a QEMU with x2APIC in TCG
 * (9.0+; measured on 10.0.2), an x2APIC RDMSR of it that is not the last
 * instruction of its translation block aborts QEMU ("Bad icount read",
 * docs/platform-findings.md). The expiry
 * stays pending and may end the caller's first sleep early (callers loop).
 */
static void lapic_timer_calibrate(void)
{
	unsigned long flags = arch_irq_save();
	lapic_write(REG_TMR_DIVIDE, TMR_DIVIDE_1);
	/* One-shot, unmasked: with IF=0 its expiry stays in the IRR. */
	lapic_write(REG_LVT_TMR, LAPIC_VEC_TIMER);
	deadline_t d = deadline_in_us(TMR_CALIB_MAX_US);
	uint64_t t0 = arch_counter_read();
	lapic_write(REG_TMR_INITIAL, TMR_CALIB_TICKS);
	bool fired;
	while (!(fired = lapic_timer_pending()) && !deadline_passed(d))
		__asm__ volatile("pause");
	uint64_t elapsed = arch_counter_read() - t0;
	lapic_write(REG_LVT_TMR, LVT_MASKED | LAPIC_VEC_TIMER);
	lapic_write(REG_TMR_INITIAL, 0);
	arch_irq_restore(flags);
	timer_hz = fired && elapsed ? (uint64_t)TMR_CALIB_TICKS * arch_counter_hz() / elapsed : 0;
	/* A timer that does not count: arm once, the caller's deadline ends it. */
	if (!timer_hz)
		timer_hz = 1;
}

void lapic_timer_arm(uint64_t tsc_ticks)
{
	if (!timer_hz)
		lapic_timer_calibrate();
	/*
	 * tsc_ticks * timer_hz / tsc_hz in 64 bits: whole seconds, then the
	 * rest (rest < tsc_hz and both rates below 2^32 Hz: no overflow).
	 */
	uint64_t tsc_hz = arch_counter_hz();
	uint64_t secs = tsc_ticks / tsc_hz, rest = tsc_ticks % tsc_hz;
	uint64_t t = secs >= 5 ? 0xffffffffull : secs * timer_hz + rest * timer_hz / tsc_hz;
	uint32_t count = t >= 0xffffffffu ? 0xffffffffu : t == 0 ? 1u : (uint32_t)t;
	lapic_write(REG_TMR_DIVIDE, TMR_DIVIDE_1);
	lapic_write(REG_LVT_TMR, LAPIC_VEC_TIMER); /* one-shot, unmasked */
	lapic_write(REG_TMR_INITIAL, count);
}

void lapic_timer_disarm(void)
{
	lapic_write(REG_LVT_TMR, LVT_MASKED | LAPIC_VEC_TIMER);
	lapic_write(REG_TMR_INITIAL, 0);
}

uint32_t lapic_tpr_raise(uint32_t tpr)
{
	uint32_t old = lapic_read(REG_TPR);
	if (tpr > old)
		lapic_write(REG_TPR, tpr);
	return old;
}

void lapic_tpr_restore(uint32_t old)
{
	lapic_write(REG_TPR, old);
}
