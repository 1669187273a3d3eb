/* SPDX-License-Identifier: MIT */
/*
 * arch_cpu_call's mailbox (kernel/cpu_mailbox.c): a kick that runs the call,
 * one that wakes nobody, one that fails, a busy mailbox, a call still
 * running from an earlier timeout, and a real second thread as the target.
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kernel/cpu_mailbox.h"
#include "kernel/errno.h"

#define SHORT_US 500

static unsigned calls;
static void *last_arg;

static void count_call(void *arg)
{
	calls++;
	last_arg = arg;
}

/* The target answers at once, as an IPI handler that runs the mailbox would. */
static int kick_runs(void *arg)
{
	cpu_mailbox_run(arg);
	return 0;
}

static int kick_nobody(void *arg)
{
	return 0;
}

static int kick_fails(void *arg)
{
	return -EIO;
}

static int setup(void **state)
{
	calls = 0;
	last_arg = NULL;
	return 0;
}

static void test_call_runs_once(void **state)
{
	struct cpu_mailbox mb = {0};
	int x;
	assert_int_equal(cpu_mailbox_call(&mb, count_call, &x, SHORT_US, kick_runs, &mb), 0);
	assert_int_equal(calls, 1);
	assert_ptr_equal(last_arg, &x);
	assert_int_equal(mb.state, CPU_MAILBOX_IDLE);
	assert_false(cpu_mailbox_run(&mb)); /* nothing left posted */
	assert_int_equal(calls, 1);
}

static void test_unanswered_call_is_taken_back(void **state)
{
	struct cpu_mailbox mb = {0};
	assert_int_equal(cpu_mailbox_call(&mb, count_call, NULL, SHORT_US, kick_nobody, &mb),
			 -ETIMEDOUT);
	assert_int_equal(mb.state, CPU_MAILBOX_IDLE);
	assert_false(cpu_mailbox_posted(&mb));
	assert_false(cpu_mailbox_run(&mb)); /* the target wakes late: nothing to run */
	assert_int_equal(calls, 0);
	assert_int_equal(mb.lock.locked, 0);
}

static void test_kick_error_propagates(void **state)
{
	struct cpu_mailbox mb = {0};
	assert_int_equal(cpu_mailbox_call(&mb, count_call, NULL, SHORT_US, kick_fails, &mb), -EIO);
	assert_int_equal(mb.state, CPU_MAILBOX_IDLE);
	assert_false(cpu_mailbox_run(&mb));
	assert_int_equal(calls, 0);
	assert_int_equal(mb.lock.locked, 0);
}

static void test_busy_mailbox_times_out(void **state)
{
	struct cpu_mailbox mb = {0};
	spin_lock(&mb.lock); /* another caller holds it */
	assert_int_equal(cpu_mailbox_call(&mb, count_call, NULL, SHORT_US, kick_runs, &mb),
			 -ETIMEDOUT);
	assert_int_equal(calls, 0);
	assert_int_equal(mb.state, CPU_MAILBOX_IDLE);
	spin_unlock(&mb.lock);
}

static void test_call_still_running_blocks_the_next(void **state)
{
	struct cpu_mailbox mb = {0};
	mb.state = CPU_MAILBOX_RUNNING; /* an earlier call timed out while the target ran it */
	assert_int_equal(cpu_mailbox_call(&mb, count_call, NULL, SHORT_US, kick_runs, &mb),
			 -ETIMEDOUT);
	assert_int_equal(calls, 0);
	assert_int_equal(mb.state, CPU_MAILBOX_RUNNING); /* not taken from the target */
	mb.state = CPU_MAILBOX_DONE;                     /* it finished: the next call goes */
	assert_int_equal(cpu_mailbox_call(&mb, count_call, NULL, SHORT_US, kick_runs, &mb), 0);
	assert_int_equal(calls, 1);
}

/* A second thread as the target CPU: runs what is posted until told to stop. */
static volatile int target_stop;

static void *target_loop(void *arg)
{
	struct cpu_mailbox *mb = arg;
	while (!__atomic_load_n(&target_stop, __ATOMIC_ACQUIRE))
		if (!cpu_mailbox_run(mb))
			sched_yield();
	return NULL;
}

static void count_atomic(void *arg)
{
	__atomic_fetch_add((unsigned *)arg, 1, __ATOMIC_RELAXED);
}

static void test_threaded_target_exact(void **state)
{
	static struct cpu_mailbox mb;
	unsigned ran = 0;
	pthread_t th;
	target_stop = 0;
	assert_int_equal(pthread_create(&th, NULL, target_loop, &mb), 0);
	for (unsigned i = 0; i < 500; i++)
		assert_int_equal(
			cpu_mailbox_call(&mb, count_atomic, &ran, 1000000, kick_nobody, &mb), 0);
	__atomic_store_n(&target_stop, 1, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	assert_int_equal(ran, 500);
	assert_int_equal(mb.state, CPU_MAILBOX_IDLE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_call_runs_once, setup),
		cmocka_unit_test_setup(test_unanswered_call_is_taken_back, setup),
		cmocka_unit_test_setup(test_kick_error_propagates, setup),
		cmocka_unit_test_setup(test_busy_mailbox_times_out, setup),
		cmocka_unit_test_setup(test_call_still_running_blocks_the_next, setup),
		cmocka_unit_test_setup(test_threaded_target_exact, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
