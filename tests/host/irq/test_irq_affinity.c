/* SPDX-License-Identifier: MIT */
/* irq_set_affinity: DONE vs UPDATE_MSG, and the old routing after any failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "tests/host/irq/support_fake.h"

/* The vector level delivers hwirq vec on cpu to virq. */
static void assert_routed(virq_t virq, irq_cpu_t cpu, uint32_t vec)
{
	uint64_t before = irq_count(virq, cpu);
	assert_int_equal(irq_handle(&fake_vec.l.domain, cpu, HWIRQ(vec)), 0);
	assert_int_equal(irq_count(virq, cpu), before + 1);
}

/* An active interrupt on CPU 0, with its vector. */
static virq_t active_on_cpu0(bool with_remap, uint32_t vec_cap, uint32_t *vec)
{
	fake_stack_setup(with_remap, vec_cap, 8);
	virq_t virq = fake_alloc(IRQ_CPU(0), 0, 1);
	assert_int_equal(irq_activate(virq), 0);
	*vec = fake_vec_data(virq)->hwirq.v;
	return virq;
}

static void test_affinity_offline_cpu(void **state)
{
	struct fake_snapshot before, after;
	uint32_t vec;
	virq_t virq = active_on_cpu0(true, 4, &vec);
	fake_cpu_set_online(0xb); /* CPU 2 offline */
	fake_snapshot_take(&before);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(2)), -EINVAL);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(IRQ_MAX_CPUS)), -EINVAL);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU_ANY), -EINVAL);
	assert_int_equal(irq_set_affinity(VIRQ(5), IRQ_CPU(1)), -EINVAL);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(fake_vec.l.calls[FAKE_OP_SET_AFFINITY], 0);
	assert_int_equal(irq_affinity(virq).v, 0);
	assert_routed(virq, IRQ_CPU(0), vec);
}

/* The remap level rewrites its entry and answers DONE: the device is not touched. */
static void test_affinity_done_no_write(void **state)
{
	uint32_t vec;
	virq_t virq = active_on_cpu0(true, 4, &vec);
	uint32_t index = irq_chain(virq)->parent_data->hwirq.v;
	struct msi_msg old = fake_bus.msg[0];

	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), 0);
	assert_int_equal(fake_bus.write_count, 1); /* the activation's only */
	assert_true(msi_msg_eq(&fake_bus.msg[0], &old));
	assert_int_equal(irq_affinity(virq).v, 1);
	uint32_t new_vec = fake_vec_data(virq)->hwirq.v;
	assert_int_equal(fake_remap.irte[index].cpu.v, 1);
	assert_int_equal(fake_remap.irte[index].vec, new_vec);
	/* Committed: the old vector is free and unmapped, the new one delivers. */
	assert_int_equal(irq_matrix_allocated_count(&fake_vec.matrix, IRQ_CPU(0)), 0);
	assert_int_equal(irq_matrix_allocated_count(&fake_vec.matrix, IRQ_CPU(1)), 1);
	assert_int_equal(irq_handle(&fake_vec.l.domain, IRQ_CPU(0), HWIRQ(vec)), -ENOENT);
	assert_routed(virq, IRQ_CPU(1), new_vec);
	/* Same CPU again: nothing to do. */
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), 0);
	assert_int_equal(fake_vec.l.calls[FAKE_OP_SET_AFFINITY], 1);
	assert_int_equal(fake_lock_errors(), 0);
}

/* No remap level: the vector's UPDATE_MSG makes the bus write the new message once. */
static void test_affinity_update_msg_one_write(void **state)
{
	uint32_t vec;
	virq_t virq = active_on_cpu0(false, 4, &vec);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(3)), 0);
	assert_int_equal(fake_bus.write_count, 2);
	struct msi_msg want = {.address_lo = 0xfee03000u, .data = FAKE_VEC_FIRST};
	assert_true(msi_msg_eq(&fake_bus.msg[0], &want));
	struct msi_msg got;
	assert_int_equal(irq_msg(virq, &got), 0);
	assert_true(msi_msg_eq(&got, &want));
	assert_routed(virq, IRQ_CPU(3), FAKE_VEC_FIRST);
}

/* A remap level that answers UPDATE_MSG: recomposed by the remap level, written once. */
static void test_affinity_remap_update_msg(void **state)
{
	uint32_t vec;
	virq_t virq = active_on_cpu0(true, 4, &vec);
	fake_remap.affinity_result = IRQ_SET_AFFINITY_UPDATE_MSG;
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(2)), 0);
	assert_int_equal(fake_bus.write_count, 2);
	assert_int_equal(fake_remap.l.calls[FAKE_OP_COMPOSE], 2);
	assert_int_equal(fake_vec.l.calls[FAKE_OP_COMPOSE], 0);
}

/*
 * A failure at any step: errno unchanged, and every table (vectors, reverse
 * map, remap entries, the device's message) as before; the old vector still
 * delivers.
 */
static void check_affinity_failure(bool with_remap, int remap_result, struct fake_level *l,
				   enum fake_op op, int errno_in)
{
	struct fake_snapshot before, after;
	uint32_t vec;
	virq_t virq = active_on_cpu0(with_remap, 4, &vec);
	fake_remap.affinity_result = remap_result;
	fake_snapshot_take(&before);

	l->fail[op] = errno_in;
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), errno_in);
	assert_int_equal(l->fail[op], 0);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(irq_affinity(virq).v, 0);
	assert_int_equal(fake_vec_data(virq)->hwirq.v, vec);
	assert_int_equal(fake_vec_data(virq)->cpu.v, 0);
	assert_routed(virq, IRQ_CPU(0), vec);

	/* And the move works on a second try. */
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), 0);
	assert_int_equal(irq_affinity(virq).v, 1);
}

static void test_affinity_fail_each_level(void **state)
{
	check_affinity_failure(true, IRQ_SET_AFFINITY_DONE, &fake_vec.l, FAKE_OP_SET_AFFINITY,
			       -ETIMEDOUT);
	check_affinity_failure(true, IRQ_SET_AFFINITY_DONE, &fake_remap.l, FAKE_OP_SET_AFFINITY,
			       -EBUSY);
	check_affinity_failure(true, IRQ_SET_AFFINITY_UPDATE_MSG, &fake_remap.l, FAKE_OP_COMPOSE,
			       -EIO);
	check_affinity_failure(false, IRQ_SET_AFFINITY_DONE, &fake_vec.l, FAKE_OP_SET_AFFINITY,
			       -EIO);
	check_affinity_failure(false, IRQ_SET_AFFINITY_DONE, &fake_vec.l, FAKE_OP_COMPOSE, -EFAULT);
	/* The device write fails (a bus whose storage is written by DMA). */
	check_affinity_failure(false, IRQ_SET_AFFINITY_DONE, &fake_bus.l, FAKE_OP_WRITE_MSG,
			       -ETIMEDOUT);
	check_affinity_failure(true, IRQ_SET_AFFINITY_UPDATE_MSG, &fake_bus.l, FAKE_OP_WRITE_MSG,
			       -EIO);
}

/* The target CPU has no free vector: -ENOSPC from the vector level, nothing moved. */
static void test_affinity_target_full(void **state)
{
	struct fake_snapshot before, after;
	uint32_t vec;
	virq_t virq = active_on_cpu0(true, 1, &vec);
	virq_t blocker = fake_alloc(IRQ_CPU(1), 1, 1);
	assert_int_equal(irq_activate(blocker), 0);
	fake_snapshot_take(&before);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), -ENOSPC);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_routed(virq, IRQ_CPU(0), vec);
	assert_routed(blocker, IRQ_CPU(1), FAKE_VEC_FIRST);
	/* Freeing the blocker makes room. */
	assert_int_equal(irq_free(blocker, 1), 0);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), 0);
	assert_int_equal(irq_matrix_free_count(&fake_vec.matrix, IRQ_CPU(0)), 1);
	assert_int_equal(irq_matrix_free_count(&fake_vec.matrix, IRQ_CPU(1)), 0);
}

/* Before activation the levels move, nothing is written; activation writes the new target. */
static void test_affinity_inactive(void **state)
{
	fake_stack_setup(false, 4, 0);
	virq_t virq = fake_alloc(IRQ_CPU(0), 0, 1);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(2)), 0);
	assert_int_equal(fake_bus.write_count, 0);
	assert_int_equal(fake_vec.l.calls[FAKE_OP_COMPOSE], 0);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(fake_bus.write_count, 1);
	assert_int_equal(fake_bus.msg[0].address_lo, 0xfee02000u);
}

static int bad_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	return 7; /* neither DONE nor UPDATE_MSG */
}

static uint32_t bad_reverts;

static void bad_commit(struct irq_data *data)
{
}

static void bad_revert(struct irq_data *data)
{
	bad_reverts++;
}

static int bad_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		     const struct irq_alloc_info *info)
{
	return irq_domain_alloc_parent(d, virq, nr, info);
}

static const struct irq_domain_ops bad_ops = {
	.alloc = bad_alloc,
	.set_affinity = bad_set_affinity,
	.set_affinity_commit = bad_commit,
	.set_affinity_revert = bad_revert,
};

/* A level answering nonsense: -EPROTO, it and the levels below are reverted. */
static void test_affinity_bad_answer(void **state)
{
	struct fake_snapshot before, after;
	struct irq_domain bad;
	fake_stack_setup(false, 4, 0);
	struct irq_domain_info info = {
		.name = "bad", .parent = &fake_vec.l.domain, .ops = &bad_ops};
	assert_int_equal(irq_domain_create(&bad, &info), 0);
	struct irq_alloc_info ai = fake_info(IRQ_CPU(0), 0);
	virq_t virq;
	assert_int_equal(irq_alloc(&bad, 1, &ai, &virq), 0);
	fake_snapshot_take(&before);
	bad_reverts = 0;
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), -EPROTO);
	assert_int_equal(bad_reverts, 1);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_affinity_offline_cpu),
		cmocka_unit_test(test_affinity_done_no_write),
		cmocka_unit_test(test_affinity_update_msg_one_write),
		cmocka_unit_test(test_affinity_remap_update_msg),
		cmocka_unit_test(test_affinity_fail_each_level),
		cmocka_unit_test(test_affinity_target_full),
		cmocka_unit_test(test_affinity_inactive),
		cmocka_unit_test(test_affinity_bad_answer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
