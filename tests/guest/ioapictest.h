/* SPDX-License-Identifier: MIT */
/*
 * Shared by the ioapic.* guest tests: an HPET timer routed to an I/O APIC
 * input (GSI 16 and up, where no ISA device drives the line), allocated in
 * that I/O APIC's domain, fired one-shot and counted. Edge or level: a
 * level interrupt is ended by the handler (the HPET's status cleared, then
 * the I/O APIC's directed EOI) before the local APIC's EOI.
 */
#ifndef DOORBELL_TESTS_GUEST_IOAPICTEST_H
#define DOORBELL_TESTS_GUEST_IOAPICTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/hpet/hpet.h"
#include "drivers/ioapic/ioapic_domain.h"
#include "tests/guest/irqtest.h"

/* One shot's delay: the HPET fires this long after the comparator write. */
#define IOAPICTEST_SHOT_US 50

struct ioapictest {
	struct hpet hpet;
	unsigned timer;
	uint32_t gsi;
	bool level;
	bool open;
	struct ioapic_domain *d;
	virq_t virq;
	struct irqtest_counter counter;
	uint64_t level_eois;
	uint64_t fault_events; /* the unit's fault events when ioapictest_fault_clear ran */
};

/* Session on cpu (allocated, active, unmasked); false when skipped or failed (reported). */
bool ioapictest_open(struct dtest_ctx *t, struct ioapictest *s, bool level, unsigned cpu);
void ioapictest_close(struct ioapictest *s);
/* Fire once and wait until the counter reaches want: false when it did not in time. */
bool ioapictest_fire(struct ioapictest *s, uint64_t want);
/* Fire n times in lockstep; diagnoses the first that never came. */
bool ioapictest_fire_n(struct dtest_ctx *t, struct ioapictest *s, unsigned n, const char *label);
/* The redirection entry of the session's pin as the I/O APIC holds it. */
uint64_t ioapictest_rte(struct ioapictest *s);

/* Remapped sessions: drop the unit's old fault records before a shot that may be blocked. */
void ioapictest_fault_clear(struct ioapictest *s);
/*
 * A remapped shot did not arrive: print the unit's fault records and, when
 * one is a source-id verification failure, diagnose the DMAR IOAPIC scope
 * (which SID it names, want_sid, and which the requests carry, *arrives):
 * true. False when no record explains it.
 */
bool ioapictest_fault_explain(struct dtest_ctx *t, struct ioapictest *s, uint16_t want_sid,
			      uint16_t *arrives);

#endif
