/* SPDX-License-Identifier: MIT */
#include "kernel/cpu_mailbox.h"

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/time.h"

static uint32_t mailbox_state(const struct cpu_mailbox *mb)
{
	return __atomic_load_n(&mb->state, __ATOMIC_ACQUIRE);
}

static void mailbox_set(struct cpu_mailbox *mb, uint32_t state)
{
	__atomic_store_n(&mb->state, state, __ATOMIC_RELEASE);
}

/* Wait while the mailbox is in `state` (until == false) or until it is (until == true). */
static int mailbox_wait(struct cpu_mailbox *mb, uint32_t state, bool until, deadline_t d)
{
	while ((mailbox_state(mb) == state) != until) {
		if (deadline_passed(d))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
	return 0;
}

int cpu_mailbox_call(struct cpu_mailbox *mb, void (*fn)(void *), void *arg, uint64_t timeout_us,
		     int (*kick)(void *kick_arg), void *kick_arg)
{
	deadline_t d = deadline_in_us(timeout_us);
	while (!spin_trylock(&mb->lock)) {
		if (deadline_passed(d))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
	/* A call that timed out earlier may still run there. */
	int err = mailbox_wait(mb, CPU_MAILBOX_RUNNING, false, d);
	if (err)
		goto out;
	mb->fn = fn;
	mb->arg = arg;
	mailbox_set(mb, CPU_MAILBOX_POSTED);
	err = kick(kick_arg);
	if (!err)
		err = mailbox_wait(mb, CPU_MAILBOX_DONE, true, d);
	if (err) {
		/* Take it back unless the target already started it. */
		uint32_t expect = CPU_MAILBOX_POSTED;
		__atomic_compare_exchange_n(&mb->state, &expect, CPU_MAILBOX_IDLE, false,
					    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
		goto out;
	}
	mailbox_set(mb, CPU_MAILBOX_IDLE);
out:
	spin_unlock(&mb->lock);
	return err;
}

bool cpu_mailbox_run(struct cpu_mailbox *mb)
{
	uint32_t expect = CPU_MAILBOX_POSTED;
	if (!__atomic_compare_exchange_n(&mb->state, &expect, CPU_MAILBOX_RUNNING, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	mb->fn(mb->arg);
	mailbox_set(mb, CPU_MAILBOX_DONE);
	return true;
}

bool cpu_mailbox_posted(const struct cpu_mailbox *mb)
{
	return mailbox_state(mb) == CPU_MAILBOX_POSTED;
}
