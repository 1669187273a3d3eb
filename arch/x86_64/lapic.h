/* SPDX-License-Identifier: MIT */
/*
 * The local APIC (SDM Vol. 3A ch. 10/11): xAPIC through its MMIO page, or
 * x2APIC through MSRs 0x800.. when the CPU has it (CPUID.1:ECX[21]). The
 * mode is chosen once on the boot CPU and followed by every other CPU.
 */
#ifndef DOORBELL_X86_LAPIC_H
#define DOORBELL_X86_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* Vectors the arch keeps for itself (above the device range 0x20..0xEF). */
#define LAPIC_VEC_BARE     0xfb /* the bare path of bench.msi_bare (irq_bare.c) */
#define LAPIC_VEC_TIMER    0xfc /* one-shot wake-up of arch_sleep_until */
#define LAPIC_VEC_CALL     0xfd /* arch_cpu_call wake-up */
#define LAPIC_VEC_ERROR    0xfe /* LVT error (masked) */
#define LAPIC_VEC_SPURIOUS 0xff /* SVR spurious vector: no EOI (SDM Vol. 3A §10.9) */

/* ICR delivery modes, bits 10:8 (SDM Vol. 3A §10.6.1). */
#define LAPIC_DM_FIXED   0x000u
#define LAPIC_DM_INIT    0x500u
#define LAPIC_DM_STARTUP 0x600u
#define LAPIC_ICR_ASSERT (1u << 14)
#define LAPIC_ICR_LEVEL  (1u << 15)

/* Enable this CPU's local APIC: SVR, TPR 0, LVTs masked, errors cleared. */
/* The policy's x2APIC answer; call on the BSP before the first lapic_init. */
void lapic_allow_x2apic(bool allowed);
void lapic_init(void);
bool lapic_is_x2apic(void);
/* This CPU's APIC ID (8 bits in xAPIC mode, 32 in x2APIC mode). */
uint32_t lapic_id(void);
void lapic_eoi(void);
/*
 * Send an IPI (ICR low word: vector | delivery mode | level bits) to one
 * APIC ID, physical destination: 0, -EINVAL (ID not addressable in this
 * mode), -ETIMEDOUT (xAPIC delivery status stayed pending).
 */
int lapic_send_ipi(uint32_t apic_id, uint32_t icr_lo);

/*
 * The LVT timer as a one-shot wake-up (SDM Vol. 3A §10.5.4): arm it to
 * fire LAPIC_VEC_TIMER after tsc_ticks of the TSC (its rate is measured
 * against the TSC once, on first use), or disarm it. Per CPU.
 */
void lapic_timer_arm(uint64_t tsc_ticks);
void lapic_timer_disarm(void);
/*
 * Task priority (§10.8.3.1): a class of 0xE holds off every vector up to
 * 0xEF (all device vectors) and lets the arch's own 0xF0..0xFF through.
 */
#define LAPIC_TPR_ARCH_ONLY 0xe0u
/* Raise TPR to at least tpr; returns the old value for lapic_tpr_restore. */
uint32_t lapic_tpr_raise(uint32_t tpr);
void lapic_tpr_restore(uint32_t old);

#endif
