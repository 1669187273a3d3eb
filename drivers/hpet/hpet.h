/* SPDX-License-Identifier: MIT */
/*
 * The HPET as an interrupt source every PC has (IA-PC HPET spec 1.0a):
 * the block from the ACPI HPET table, its main counter running from 0, and
 * one timer at a time routed to an I/O APIC input (Tn_INT_ROUTE_CNF, among
 * those Tn_INT_ROUTE_CAP allows), fired one-shot: each arm writes the
 * comparator's low dword only, so no half-written 64-bit comparator is ever
 * compared (the counter starts at 0 and stays below 2^32 for the run).
 */
#ifndef DOORBELL_HPET_H
#define DOORBELL_HPET_H

#include <stdbool.h>
#include <stdint.h>

struct hpet {
	uint64_t base;
	uint8_t number;     /* the ACPI table's HPET number (the DMAR HPET scope's id) */
	uint64_t cap;       /* GCAP_ID */
	uint32_t period_fs; /* per tick */
	unsigned timers;
};

/* Find, stop and restart the block: 0, or -ENODEV with *why. */
int hpet_init(struct hpet *h, const char **why);
uint64_t hpet_timer_caps(const struct hpet *h, unsigned n);
/*
 * Timer n to I/O APIC input `route`: one-shot, edge or level, interrupt
 * enabled, no FSB delivery. 0, -EINVAL (no such timer or route not allowed).
 */
int hpet_timer_route(struct hpet *h, unsigned n, unsigned route, bool level);
/*
 * Timer n to FSB delivery (§2.3.8): one-shot, edge, msg in Tn_FSB_INT_ROUTE
 * (value 31:0, address 63:32), FSB and the interrupt enabled when open,
 * both off otherwise. The caller checked Tn_FSB_INT_DEL_CAP.
 */
struct msi_msg;
void hpet_timer_fsb(struct hpet *h, unsigned n, const struct msi_msg *msg, bool open);
/* Fire timer n once, us microseconds from now. */
void hpet_timer_arm(struct hpet *h, unsigned n, uint64_t us);
/* Disable timer n's interrupt and clear its status. */
void hpet_timer_stop(struct hpet *h, unsigned n);
/* Clear timer n's level-triggered status (GINTR_STA, write 1): the line drops. */
void hpet_timer_ack(struct hpet *h, unsigned n);
/* Timer n's status bit (a level-triggered interrupt is asserted). */
bool hpet_timer_pending(const struct hpet *h, unsigned n);

#endif
