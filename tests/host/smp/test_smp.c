/* SPDX-License-Identifier: MIT */
/*
 * The CPU bookkeeping both arches share (kernel/smp.c): the boot CPU alone,
 * CPUs coming online, the count, the irq core's CPU operations and lock, and
 * calls: to the caller's own CPU, to an offline one, through the kick, and a
 * kick that fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/smp.h"
#include "tests/host/smp/support_smp.h"

#define SHORT_US 500

static unsigned calls;
static void *last_arg;

static void count_call(void *arg)
{
	calls++;
	last_arg = arg;
}

static int setup(void **state)
{
	calls = 0;
	last_arg = NULL;
	support_smp_current = 0;
	support_smp_kicks = 0;
	support_smp_kick_result = 0;
	support_smp_kick_runs = true;
	support_smp_irqs_off = false;
	smp_boot_cpu_init();
	return 0;
}

static int teardown(void **state)
{
	irq_cpu_set_ops(NULL);
	return 0;
}

static void test_boot_cpu_alone(void **state)
{
	assert_true(smp_cpu_online(0));
	assert_false(smp_cpu_online(1));
	assert_false(smp_cpu_online(IRQ_MAX_CPUS));
	assert_int_equal(smp_cpu_count(), 1);
	assert_int_equal(irq_cpu_online_mask().bits, 1);
}

static void test_cpus_come_online(void **state)
{
	smp_cpu_set_online(1);
	smp_cpu_set_online(3);
	smp_cpu_set_online(IRQ_MAX_CPUS); /* ignored */
	assert_int_equal(irq_cpu_online_mask().bits, 0xb);
	assert_true(irq_cpu_online(IRQ_CPU(3)));
	assert_false(irq_cpu_online(IRQ_CPU(2)));
	smp_cpu_count_set(3);
	assert_int_equal(smp_cpu_count(), 3);
	/* A second boot starts again from the boot CPU alone. */
	smp_boot_cpu_init();
	assert_int_equal(irq_cpu_online_mask().bits, 1);
	assert_int_equal(smp_cpu_count(), 1);
}

static void test_irq_lock_masks_interrupts(void **state)
{
	unsigned long flags = irq_lock();
	assert_true(support_smp_irqs_off);
	irq_unlock(flags);
	assert_false(support_smp_irqs_off);
	/* Taken with interrupts already off, they stay off. */
	support_smp_irqs_off = true;
	flags = irq_lock();
	irq_unlock(flags);
	assert_true(support_smp_irqs_off);
}

static void test_call_own_cpu_runs_directly(void **state)
{
	int x;
	assert_int_equal(smp_call(0, count_call, &x, SHORT_US), 0);
	assert_int_equal(calls, 1);
	assert_ptr_equal(last_arg, &x);
	assert_int_equal(support_smp_kicks, 0);
}

static void test_call_refusals(void **state)
{
	assert_int_equal(smp_call(1, count_call, NULL, SHORT_US), -EINVAL); /* offline */
	assert_int_equal(smp_call(IRQ_MAX_CPUS, count_call, NULL, SHORT_US), -EINVAL);
	assert_int_equal(smp_call(0, NULL, NULL, SHORT_US), -EINVAL);
	assert_int_equal(calls, 0);
	assert_int_equal(support_smp_kicks, 0);
}

static void test_call_other_cpu_through_kick(void **state)
{
	int x;
	smp_cpu_set_online(2);
	assert_int_equal(smp_call(2, count_call, &x, SHORT_US), 0);
	assert_int_equal(calls, 1);
	assert_ptr_equal(last_arg, &x);
	assert_int_equal(support_smp_kicks, 1);
	assert_false(smp_call_run(2)); /* nothing left posted */
}

static void test_kick_error_comes_back(void **state)
{
	smp_cpu_set_online(1);
	support_smp_kick_result = -EIO;
	assert_int_equal(smp_call(1, count_call, NULL, SHORT_US), -EIO);
	assert_int_equal(calls, 0);
	assert_false(smp_call_run(1)); /* the post was taken back */
	assert_int_equal(calls, 0);
}

static void test_unanswered_call_times_out(void **state)
{
	smp_cpu_set_online(1);
	support_smp_kick_runs = false;
	assert_int_equal(smp_call(1, count_call, NULL, SHORT_US), -ETIMEDOUT);
	assert_false(smp_call_run(1));
	assert_int_equal(calls, 0);
	assert_false(smp_call_run(IRQ_MAX_CPUS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_boot_cpu_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpus_come_online, setup, teardown),
		cmocka_unit_test_setup_teardown(test_irq_lock_masks_interrupts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_own_cpu_runs_directly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_call_other_cpu_through_kick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kick_error_comes_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unanswered_call_times_out, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
