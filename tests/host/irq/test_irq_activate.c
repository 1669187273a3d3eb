/* SPDX-License-Identifier: MIT */
/* irq_activate / irq_deactivate / mask: order, composition, rollback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "tests/host/irq/support_fake.h"

static struct fake_level *level_of(int k)
{
	struct fake_level *levels[3] = {&fake_vec.l, &fake_remap.l, &fake_bus.l};
	return levels[k];
}

/* With a remap level, the remap level composes (the one nearest the bus). */
static void test_activate_remap_composes(void **state)
{
	fake_stack_setup(true, 4, 8);
	virq_t virq = fake_alloc(IRQ_CPU(2), 7, 1);
	uint32_t index = irq_chain(virq)->parent_data->hwirq.v;
	assert_int_equal(irq_activate(virq), 0);

	assert_int_equal(fake_bus.write_count, 1);
	struct msi_msg want = {.address_lo = 0xfee00010u | (index << 5)};
	assert_true(msi_msg_eq(&fake_bus.msg[7], &want));
	struct msi_msg got;
	assert_int_equal(irq_msg(virq, &got), 0);
	assert_true(msi_msg_eq(&got, &want));
	assert_int_equal(fake_vec.l.calls[FAKE_OP_COMPOSE], 0);
	assert_int_equal(fake_remap.l.calls[FAKE_OP_COMPOSE], 1);
	/* The entry points at the vector the vector level chose. */
	assert_true(fake_remap.irte[index].present);
	assert_int_equal(fake_remap.irte[index].cpu.v, 2);
	assert_int_equal(fake_remap.irte[index].vec, FAKE_VEC_FIRST);
	for (int k = 0; k < 3; k++)
		assert_int_equal(level_of(k)->activate_count, 1);
	assert_int_equal(irq_state(virq),
			 IRQ_STATE_ALLOCATED | IRQ_STATE_ACTIVATED | IRQ_STATE_MASKED);

	/* Activating again is a no-op. */
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(fake_bus.write_count, 1);
	assert_int_equal(fake_vec.l.calls[FAKE_OP_ACTIVATE], 1);
	assert_int_equal(fake_lock_errors(), 0);
}

/* Without one, the vector level composes the compatibility format. */
static void test_activate_vector_composes(void **state)
{
	fake_stack_setup(false, 4, 0);
	virq_t virq = fake_alloc(IRQ_CPU(3), 0, 1);
	assert_int_equal(irq_activate(virq), 0);
	struct msi_msg want = {.address_lo = 0xfee03000u, .data = FAKE_VEC_FIRST};
	assert_true(msi_msg_eq(&fake_bus.msg[0], &want));
	assert_int_equal(fake_bus.write_count, 1);
	assert_int_equal(msi_msg_address(&fake_bus.msg[0]).v, 0xfee03000u);
}

/* Level k fails to activate: the levels below are deactivated, nothing written. */
static void check_activate_failure(int k, enum fake_op op, int errno_in)
{
	struct fake_snapshot before, after;
	fake_stack_setup(true, 4, 8);
	virq_t other = fake_alloc(IRQ_CPU(0), 0, 1);
	assert_int_equal(irq_activate(other), 0);
	virq_t virq = fake_alloc(IRQ_CPU(1), 1, 1);
	fake_snapshot_take(&before);

	level_of(k)->fail[op] = errno_in;
	assert_int_equal(irq_activate(virq), errno_in);
	assert_int_equal(level_of(k)->fail[op], 0);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(irq_state(virq), IRQ_STATE_ALLOCATED | IRQ_STATE_MASKED);
	struct msi_msg msg;
	assert_int_equal(irq_msg(virq, &msg), -ENODATA);
	for (struct irq_data *d = irq_chain(virq); d; d = d->parent_data)
		assert_false(d->flags & IRQ_DATA_ACTIVATED);

	/* A second try succeeds and writes once. */
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(fake_bus.write_count, before.bus_writes + 1);
}

static void test_activate_fail_each_level(void **state)
{
	check_activate_failure(0, FAKE_OP_ACTIVATE, -EIO);
	check_activate_failure(1, FAKE_OP_ACTIVATE, -ETIMEDOUT);
	check_activate_failure(2, FAKE_OP_ACTIVATE, -EBUSY);
	/* Compose fails after every level is active: all of them go back. */
	check_activate_failure(1, FAKE_OP_COMPOSE, -EFAULT);
	/* The device write fails last: every level goes back too. */
	check_activate_failure(2, FAKE_OP_WRITE_MSG, -ETIMEDOUT);
	/* other, the attempt that reached compose, the retry */
	assert_int_equal(fake_vec.l.calls[FAKE_OP_ACTIVATE], 3);
}

static void test_activate_compose_fail_vector(void **state)
{
	fake_stack_setup(false, 4, 0);
	virq_t virq = fake_alloc(IRQ_CPU_ANY, 0, 1);
	fake_vec.l.fail[FAKE_OP_COMPOSE] = -ENODEV;
	assert_int_equal(irq_activate(virq), -ENODEV);
	assert_int_equal(fake_vec.l.activate_count, 0);
	assert_int_equal(fake_bus.l.activate_count, 0);
	assert_int_equal(fake_bus.write_count, 0);
}

static void test_deactivate(void **state)
{
	fake_stack_setup(true, 4, 8);
	virq_t virq = fake_alloc(IRQ_CPU_ANY, 0, 1);
	uint32_t index = irq_chain(virq)->parent_data->hwirq.v;
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(irq_deactivate(virq), 0);
	for (int k = 0; k < 3; k++)
		assert_int_equal(level_of(k)->activate_count, 0);
	assert_false(fake_remap.irte[index].present);
	assert_int_equal(irq_state(virq), IRQ_STATE_ALLOCATED | IRQ_STATE_MASKED);
	assert_int_equal(irq_deactivate(virq), 0); /* idempotent */
	assert_int_equal(fake_remap.l.activate_count, 0);
	assert_int_equal(irq_deactivate(VIRQ(99)), -EINVAL);
	assert_int_equal(irq_activate(VIRQ(0)), -EINVAL);
	/* The resources stay allocated until irq_free. */
	assert_int_equal(irq_matrix_allocated_count(&fake_vec.matrix, IRQ_CPU(0)), 1);
}

static void test_mask_unmask(void **state)
{
	fake_stack_setup(true, 4, 8);
	virq_t virq = fake_alloc(IRQ_CPU_ANY, 9, 1);
	assert_true(fake_bus.masked[9]);
	assert_int_equal(irq_unmask(virq), 0);
	assert_false(fake_bus.masked[9]);
	assert_false(irq_state(virq) & IRQ_STATE_MASKED);
	assert_int_equal(irq_mask(virq), 0);
	assert_true(fake_bus.masked[9]);
	assert_true(irq_state(virq) & IRQ_STATE_MASKED);
	assert_int_equal(irq_mask(VIRQ(50)), -EINVAL);
}

static int bare_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		      const struct irq_alloc_info *info)
{
	return 0;
}

static const struct irq_domain_ops bare_ops = {.alloc = bare_alloc};

/* A chain where nothing masks or composes (a wired interrupt). */
static void test_bare_chain(void **state)
{
	struct irq_domain bare;
	fake_cpu_install(1);
	irq_core_reset();
	struct irq_domain_info info = {.name = "bare", .ops = &bare_ops};
	assert_int_equal(irq_domain_create(&bare, &info), 0);
	struct irq_alloc_info ai = {.cpu = IRQ_CPU_ANY};
	virq_t virq;
	assert_int_equal(irq_alloc(&bare, 1, &ai, &virq), 0);
	assert_int_equal(irq_affinity(virq).v, IRQ_CPU_NONE.v);
	assert_int_equal(irq_activate(virq), 0);
	struct msi_msg msg;
	assert_int_equal(irq_msg(virq, &msg), -ENODATA);
	assert_int_equal(irq_mask(virq), -EOPNOTSUPP);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(0)), -EOPNOTSUPP);
	assert_int_equal(irq_free(virq, 1), 0);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_activate_remap_composes),
		cmocka_unit_test(test_activate_vector_composes),
		cmocka_unit_test(test_activate_fail_each_level),
		cmocka_unit_test(test_activate_compose_fail_vector),
		cmocka_unit_test(test_deactivate),
		cmocka_unit_test(test_mask_unmask),
		cmocka_unit_test(test_bare_chain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
