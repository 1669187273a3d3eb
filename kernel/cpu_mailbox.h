/* SPDX-License-Identifier: MIT */
/*
 * arch_cpu_call's mailbox, shared by both arches: one per CPU. A caller
 * takes the mailbox (callers serialise on its lock), posts fn/arg, wakes the
 * target with the arch's kick (an IPI on x86, an SGI on arm64) and waits for
 * DONE. The target, idling with interrupts off between checks, runs what is
 * posted. Every wait has the caller's deadline; a call that timed out is
 * taken back unless the target already started it, in which case the next
 * caller waits for it to finish first.
 */
#ifndef DOORBELL_CPU_MAILBOX_H
#define DOORBELL_CPU_MAILBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/spinlock.h"

enum cpu_mailbox_state {
	CPU_MAILBOX_IDLE = 0,
	CPU_MAILBOX_POSTED,  /* fn/arg written, the target has not taken it */
	CPU_MAILBOX_RUNNING, /* the target runs it */
	CPU_MAILBOX_DONE,
};

struct cpu_mailbox {
	struct spinlock lock;
	volatile uint32_t state; /* enum cpu_mailbox_state */
	void (*fn)(void *);
	void *arg;
};

/*
 * Post fn(arg), call kick(kick_arg) to wake the target and wait until the
 * call is done: 0, -ETIMEDOUT (mailbox busy, or the call not done within
 * timeout_us), or kick's own error (nothing runs then).
 */
int cpu_mailbox_call(struct cpu_mailbox *mb, void (*fn)(void *), void *arg, uint64_t timeout_us,
		     int (*kick)(void *kick_arg), void *kick_arg);
/* On the target, interrupts off: run the posted call, if any. True when one ran. */
bool cpu_mailbox_run(struct cpu_mailbox *mb);
/* A call is posted and not yet taken (the target must not go to sleep). */
bool cpu_mailbox_posted(const struct cpu_mailbox *mb);

#endif
