/* SPDX-License-Identifier: MIT */
/* irq_alloc / irq_free: chains, and complete rollback when any level fails. */
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

static void test_alloc_builds_chain(void **state)
{
	struct fake_snapshot empty, after;
	fake_stack_setup(true, 4, 8);
	fake_snapshot_take(&empty);

	virq_t virq = fake_alloc(IRQ_CPU_ANY, 5, 1);
	assert_int_equal(virq.v, 1);
	struct irq_data *bus = irq_chain(virq);
	assert_non_null(bus);
	assert_ptr_equal(bus->domain, &fake_bus.l.domain);
	assert_int_equal(bus->hwirq.v, 5);
	struct irq_data *remap = bus->parent_data;
	assert_ptr_equal(remap->domain, &fake_remap.l.domain);
	assert_int_equal(remap->hwirq.v, 0);
	struct irq_data *vec = remap->parent_data;
	assert_ptr_equal(vec->domain, &fake_vec.l.domain);
	assert_int_equal(vec->hwirq.v, FAKE_VEC_FIRST);
	assert_int_equal(vec->cpu.v, 0);
	assert_null(vec->parent_data);
	for (struct irq_data *d = bus; d; d = d->parent_data) {
		assert_int_equal(d->virq.v, virq.v);
		assert_int_equal(d->flags, IRQ_DATA_ALLOCATED);
	}

	assert_int_equal(irq_state(virq), IRQ_STATE_ALLOCATED | IRQ_STATE_MASKED);
	assert_int_equal(irq_affinity(virq).v, 0);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE - 3);
	assert_int_equal(irq_virq_free_count(), IRQ_NR_VIRQS - 2);
	for (int k = 0; k < 3; k++)
		assert_int_equal(level_of(k)->domain.irq_count, 1);
	assert_int_equal(
		irq_domain_revmap_lookup(&fake_vec.l.domain, IRQ_CPU(0), HWIRQ(FAKE_VEC_FIRST)).v,
		virq.v);

	assert_int_equal(irq_free(virq, 1), 0);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&empty, &after);
	assert_int_equal(irq_state(virq), 0);
	assert_null(irq_chain(virq));
}

static void test_alloc_group(void **state)
{
	fake_stack_setup(true, 8, 8);
	virq_t first = fake_alloc(IRQ_CPU(2), 3, 3);
	for (uint32_t i = 0; i < 3; i++) {
		virq_t v = VIRQ(first.v + i);
		assert_int_equal(fake_bus_slot(v), 3 + i);
		assert_int_equal(irq_chain(v)->parent_data->hwirq.v, i);
		assert_int_equal(fake_vec_data(v)->cpu.v, 2);
		assert_int_equal(fake_vec_data(v)->hwirq.v, FAKE_VEC_FIRST + i);
	}
	assert_int_equal(irq_matrix_allocated_count(&fake_vec.matrix, IRQ_CPU(2)), 3);
	/* A group is freed whole, by its first virq. */
	assert_int_equal(irq_free(VIRQ(first.v + 1), 2), -EINVAL);
	assert_int_equal(irq_free(first, 2), -EINVAL);
	assert_int_equal(irq_free(first, 3), 0);
	assert_int_equal(irq_matrix_allocated_count(&fake_vec.matrix, IRQ_CPU(2)), 0);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE);
	assert_int_equal(irq_free(first, 3), -EINVAL);
}

/*
 * Level k (0 vector, 1 remap, 2 bus) fails, before its own work or after its
 * parent succeeded, for a single interrupt and for a group of three: the
 * errno comes back unchanged and nothing is left anywhere.
 */
static void check_alloc_failure(int k, enum fake_op op, uint32_t nr, int errno_in)
{
	struct fake_snapshot before, after;
	fake_stack_setup(true, 4, 8);
	virq_t keep = fake_alloc(IRQ_CPU(1), 0, 1); /* state that must survive */
	fake_snapshot_take(&before);

	level_of(k)->fail[op] = errno_in;
	struct irq_alloc_info info = fake_info(IRQ_CPU_ANY, 4);
	virq_t virq = VIRQ(77);
	assert_int_equal(irq_alloc(fake_top(), nr, &info, &virq), errno_in);
	assert_int_equal(virq.v, 77);               /* untouched on failure */
	assert_int_equal(level_of(k)->fail[op], 0); /* the failure was reached */
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE - 3);

	/* The next allocation gets the same virq and resources. */
	virq_t again = fake_alloc(IRQ_CPU_ANY, 4, nr);
	assert_int_equal(again.v, keep.v + 1);
}

static void test_alloc_fail_each_level(void **state)
{
	const int errnos[3] = {-ETIMEDOUT, -EIO, -EOPNOTSUPP};
	for (int k = 0; k < 3; k++) {
		for (uint32_t nr = 1; nr <= 3; nr += 2) {
			check_alloc_failure(k, FAKE_OP_ALLOC, nr, errnos[k]);
			check_alloc_failure(k, FAKE_OP_ALLOC_LATE, nr, errnos[k]);
		}
	}
}

/* The vector level runs out in the middle of a group: -ENOSPC, nothing kept. */
static void test_alloc_vector_exhaustion_midway(void **state)
{
	struct fake_snapshot before, after;
	fake_stack_setup(true, 2, 8);
	fake_snapshot_take(&before);
	struct irq_alloc_info info = fake_info(IRQ_CPU(1), 0);
	virq_t virq;
	assert_int_equal(irq_alloc(fake_top(), 3, &info, &virq), -ENOSPC);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(irq_matrix_free_count(&fake_vec.matrix, IRQ_CPU(1)), 2);
	/* Two fit. */
	fake_alloc(IRQ_CPU(1), 0, 2);
	assert_int_equal(irq_matrix_free_count(&fake_vec.matrix, IRQ_CPU(1)), 0);
}

static void test_alloc_remap_table_full(void **state)
{
	struct fake_snapshot before, after;
	fake_stack_setup(true, 8, 2);
	fake_alloc(IRQ_CPU_ANY, 0, 1);
	fake_alloc(IRQ_CPU_ANY, 1, 1);
	fake_snapshot_take(&before);
	struct irq_alloc_info info = fake_info(IRQ_CPU_ANY, 2);
	virq_t virq;
	assert_int_equal(irq_alloc(fake_top(), 1, &info, &virq), -ENOSPC);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(irq_idalloc_free_count(&fake_remap.ids), 0);
}

/* 256 entries, 3 per chain: 85 interrupts fit, the 86th gets -ENOSPC. */
static void test_alloc_pool_exhaustion(void **state)
{
	struct fake_snapshot before, after;
	fake_stack_setup(true, 0xc0, FAKE_REMAP_MAX);
	for (uint32_t i = 0; i < 85; i++)
		fake_alloc(IRQ_CPU_ANY, i, 1);
	assert_int_equal(irq_pool_free_count(), 1);
	fake_snapshot_take(&before);
	struct irq_alloc_info info = fake_info(IRQ_CPU_ANY, 85);
	virq_t virq;
	assert_int_equal(irq_alloc(fake_top(), 1, &info, &virq), -ENOSPC);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(fake_remap.l.calls[FAKE_OP_ALLOC], 85); /* no level was asked */
	/* Spread over the 4 CPUs by the least-loaded rule. */
	for (uint32_t c = 0; c < FAKE_CPUS; c++)
		assert_in_range(irq_matrix_allocated_count(&fake_vec.matrix, IRQ_CPU(c)), 21, 22);
	assert_int_equal(irq_free(VIRQ(1), 1), 0);
	assert_int_equal(irq_pool_free_count(), 4);
}

/* Two levels, 2 entries per chain: the 127 virqs run out first. */
static void test_alloc_virq_exhaustion(void **state)
{
	fake_stack_setup(false, 0xc0, 0);
	for (uint32_t i = 0; i < IRQ_NR_VIRQS - 1; i++)
		fake_alloc(IRQ_CPU_ANY, i % FAKE_BUS_SLOTS, 1);
	assert_int_equal(irq_virq_free_count(), 0);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE - 2 * (IRQ_NR_VIRQS - 1));
	struct irq_alloc_info info = fake_info(IRQ_CPU_ANY, 127);
	virq_t virq;
	assert_int_equal(irq_alloc(fake_top(), 1, &info, &virq), -ENOSPC);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE - 2 * (IRQ_NR_VIRQS - 1));
}

static void test_alloc_bad_args(void **state)
{
	struct fake_snapshot before, after;
	fake_stack_setup(true, 4, 8);
	fake_cpu_set_online(0x3);
	fake_snapshot_take(&before);
	struct irq_alloc_info info = fake_info(IRQ_CPU(2), 0); /* offline */
	virq_t virq;
	assert_int_equal(irq_alloc(fake_top(), 1, &info, &virq), -EINVAL);
	info.cpu = IRQ_CPU(IRQ_MAX_CPUS);
	assert_int_equal(irq_alloc(fake_top(), 1, &info, &virq), -EINVAL);
	info.cpu = IRQ_CPU_ANY;
	assert_int_equal(irq_alloc(fake_top(), 0, &info, &virq), -EINVAL);
	assert_int_equal(irq_alloc(NULL, 1, &info, &virq), -EINVAL);
	assert_int_equal(irq_alloc(fake_top(), 1, NULL, &virq), -EINVAL);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(fake_bus.l.calls[FAKE_OP_ALLOC], 0);
	/* ANY picks only online CPUs. */
	for (int i = 0; i < 4; i++)
		assert_in_range(fake_vec_data(fake_alloc(IRQ_CPU_ANY, i, 1))->cpu.v, 0, 1);
}

static void test_free_active(void **state)
{
	struct fake_snapshot empty, after;
	fake_stack_setup(true, 4, 8);
	fake_snapshot_take(&empty);
	virq_t virq = fake_alloc(IRQ_CPU_ANY, 0, 2);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(irq_activate(VIRQ(virq.v + 1)), 0);
	assert_int_equal(fake_remap.l.activate_count, 2);
	assert_int_equal(irq_free(virq, 2), 0);
	fake_snapshot_take(&after);
	/* Everything back except the two messages the bus wrote. */
	assert_int_equal(after.bus_writes, 2);
	after.bus_writes = 0;
	fake_snapshot_assert_equal(&empty, &after);
}

/* A level that does not call irq_domain_alloc_parent: -EPROTO, nothing kept. */
static int lazy_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		      const struct irq_alloc_info *info)
{
	return 0;
}

static const struct irq_domain_ops lazy_ops = {.alloc = lazy_alloc};

static void test_alloc_level_forgets_parent(void **state)
{
	struct fake_snapshot before, after;
	struct irq_domain lazy;
	fake_stack_setup(true, 4, 8);
	struct irq_domain_info info = {
		.name = "lazy", .parent = &fake_remap.l.domain, .ops = &lazy_ops};
	assert_int_equal(irq_domain_create(&lazy, &info), 0);
	fake_snapshot_take(&before);
	struct irq_alloc_info ai = fake_info(IRQ_CPU_ANY, 0);
	virq_t virq;
	assert_int_equal(irq_alloc(&lazy, 1, &ai, &virq), -EPROTO);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(lazy.irq_count, 0);
}

/* A level that allocates its parent twice: the second call is refused, all undone. */
static int greedy_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			const struct irq_alloc_info *info)
{
	int err = irq_domain_alloc_parent(d, virq, nr, info);
	return err ? err : irq_domain_alloc_parent(d, virq, nr, info);
}

static const struct irq_domain_ops greedy_ops = {.alloc = greedy_alloc};

static void test_alloc_level_allocates_parent_twice(void **state)
{
	struct fake_snapshot before, after;
	struct irq_domain greedy;
	fake_stack_setup(true, 4, 8);
	struct irq_domain_info info = {
		.name = "greedy", .parent = &fake_bus.l.domain, .ops = &greedy_ops};
	assert_int_equal(irq_domain_create(&greedy, &info), 0);
	fake_snapshot_take(&before);
	struct irq_alloc_info ai = fake_info(IRQ_CPU_ANY, 0);
	virq_t virq;
	assert_int_equal(irq_alloc(&greedy, 1, &ai, &virq), -EINVAL);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(fake_bus.l.calls[FAKE_OP_ALLOC], 1);
}

static int nop_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	return 0;
}

static void test_domain_create_remove(void **state)
{
	struct irq_domain d, orphan;
	fake_stack_setup(true, 4, 8);
	struct irq_domain_ops no_alloc = {0};
	struct irq_domain_ops half_affinity = {.alloc = lazy_alloc,
					       .set_affinity = nop_set_affinity};
	struct irq_domain_info info = {.name = "x", .ops = &no_alloc};
	assert_int_equal(irq_domain_create(&d, &info), -EINVAL);
	info.ops = &half_affinity;
	assert_int_equal(irq_domain_create(&d, &info), -EINVAL);
	info.ops = &lazy_ops;
	info.parent = &orphan; /* never registered */
	memset(&orphan, 0, sizeof(orphan));
	assert_int_equal(irq_domain_create(&d, &info), -EINVAL);
	info.parent = NULL;
	assert_int_equal(irq_domain_create(&fake_vec.l.domain, &info), -EEXIST);

	/* Busy while it has interrupts or children. */
	virq_t virq = fake_alloc(IRQ_CPU_ANY, 0, 1);
	assert_int_equal(irq_domain_remove(&fake_bus.l.domain), -EBUSY);
	assert_int_equal(irq_domain_remove(&fake_vec.l.domain), -EBUSY);
	assert_int_equal(irq_free(virq, 1), 0);
	assert_int_equal(irq_domain_remove(&fake_remap.l.domain), -EBUSY);
	assert_int_equal(irq_domain_remove(&fake_bus.l.domain), 0);
	assert_int_equal(irq_domain_remove(&fake_bus.l.domain), -EINVAL);
	assert_int_equal(irq_domain_remove(&fake_remap.l.domain), 0);
	struct irq_alloc_info ai = fake_info(IRQ_CPU_ANY, 0);
	assert_int_equal(irq_alloc(&fake_bus.l.domain, 1, &ai, &virq), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_builds_chain),
		cmocka_unit_test(test_alloc_group),
		cmocka_unit_test(test_alloc_fail_each_level),
		cmocka_unit_test(test_alloc_vector_exhaustion_midway),
		cmocka_unit_test(test_alloc_remap_table_full),
		cmocka_unit_test(test_alloc_pool_exhaustion),
		cmocka_unit_test(test_alloc_virq_exhaustion),
		cmocka_unit_test(test_alloc_bad_args),
		cmocka_unit_test(test_free_active),
		cmocka_unit_test(test_alloc_level_forgets_parent),
		cmocka_unit_test(test_alloc_level_allocates_parent_twice),
		cmocka_unit_test(test_domain_create_remove),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
