/* SPDX-License-Identifier: MIT */
/*
 * A slow bus level (bus_lock / bus_sync / bus_unlock) on the fake vector
 * level: the order of the locks, the device written only at the sync, a
 * failed sync undone, and delivery and queries while the device is written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "tests/host/irq/support_fake.h"

/* The slow bus: what it recorded, what the device holds, and what happened when. */
static struct {
	struct irq_domain domain;
	bool locked;
	bool pending;
	struct msi_msg recorded, device;
	unsigned device_writes, syncs;
	int fail_sync;
	virq_t virq;
	char log[64];
} slow;

static void slow_note(char c)
{
	size_t n = strlen(slow.log);
	if (n + 1 < sizeof(slow.log))
		slow.log[n] = c;
}

static int slow_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		      const struct irq_alloc_info *info)
{
	assert_true(fake_lock_held());
	assert_true(slow.locked);
	slow_note('a');
	for (uint32_t i = 0; i < nr; i++)
		irq_domain_get_data(d, VIRQ(virq.v + i))->hwirq = HWIRQ(i);
	return irq_domain_alloc_parent(d, virq, nr, info);
}

static int slow_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	assert_true(fake_lock_held());
	assert_true(slow.locked);
	slow_note('w');
	slow.recorded = *msg;
	slow.pending = true;
	return 0;
}

static void slow_bus_lock(struct irq_domain *d)
{
	assert_false(fake_lock_held()); /* taken first */
	assert_false(slow.locked);
	assert_int_equal(fake_irq_off_depth(), 1);
	slow.locked = true;
	slow_note('L');
}

static int slow_bus_sync(struct irq_domain *d)
{
	assert_true(slow.locked);
	assert_false(fake_lock_held());
	assert_int_equal(fake_irq_off_depth(), 1); /* no descriptor lock */
	slow_note('S');
	slow.syncs++;
	if (!slow.pending)
		return 0;
	slow.pending = false;
	/* The device is slow: meanwhile the interrupt itself is delivered and queried. */
	struct irq_data *bottom = fake_vec_data(slow.virq);
	if (bottom->flags & IRQ_DATA_ACTIVATED)
		assert_int_equal(irq_handle(&fake_vec.l.domain, bottom->cpu, bottom->hwirq), 0);
	assert_true(irq_state(slow.virq) & IRQ_STATE_ALLOCATED);
	int err = slow.fail_sync;
	slow.fail_sync = 0;
	if (err)
		return err;
	slow.device = slow.recorded;
	slow.device_writes++;
	return 0;
}

static void slow_bus_unlock(struct irq_domain *d)
{
	assert_true(slow.locked);
	assert_false(fake_lock_held());
	slow.locked = false;
	slow_note('U');
}

static const struct irq_domain_ops slow_ops = {
	.alloc = slow_alloc,
	.write_msg = slow_write_msg,
	.bus_lock = slow_bus_lock,
	.bus_sync = slow_bus_sync,
	.bus_unlock = slow_bus_unlock,
};

static void slow_setup(void)
{
	fake_stack_setup(false, 8, 8);
	memset(&slow, 0, sizeof(slow));
	struct irq_domain_info info = {.name = "slow",
				       .kind = IRQ_DOMAIN_KIND_BUS,
				       .parent = &fake_vec.l.domain,
				       .ops = &slow_ops};
	assert_int_equal(irq_domain_create(&slow.domain, &info), 0);
}

static virq_t slow_alloc_one(irq_cpu_t cpu)
{
	struct irq_alloc_info info = {.cpu = cpu};
	assert_int_equal(irq_alloc(&slow.domain, 1, &info, &slow.virq), 0);
	return slow.virq;
}

/* All three bus ops or none. */
static void test_bus_ops_all_or_none(void **state)
{
	fake_stack_setup(false, 8, 8);
	struct irq_domain_ops partial = slow_ops;
	partial.bus_sync = NULL;
	struct irq_domain d;
	struct irq_domain_info info = {
		.name = "partial", .parent = &fake_vec.l.domain, .ops = &partial};
	assert_int_equal(irq_domain_create(&d, &info), -EINVAL);
	partial = slow_ops;
	partial.bus_unlock = NULL;
	assert_int_equal(irq_domain_create(&d, &info), -EINVAL);
}

/* Bus lock, the ops under the core lock, the device at the sync, unlock: in that order. */
static void test_bus_order(void **state)
{
	slow_setup();
	virq_t virq = slow_alloc_one(IRQ_CPU(1));
	assert_string_equal(slow.log, "LaSU");
	memset(slow.log, 0, sizeof(slow.log));
	assert_int_equal(irq_activate(virq), 0);
	assert_string_equal(slow.log, "LwSU");
	assert_int_equal(slow.device_writes, 1);
	struct msi_msg msg;
	assert_int_equal(irq_msg(virq, &msg), 0);
	assert_true(msi_msg_eq(&slow.device, &msg));
	assert_int_equal(irq_count(virq, IRQ_CPU(1)), 1); /* delivered during the write */

	/* A move rewrites the message: recorded, written at the sync, then committed. */
	memset(slow.log, 0, sizeof(slow.log));
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(2)), 0);
	assert_string_equal(slow.log, "LwSSU");
	assert_int_equal(slow.device_writes, 2);
	assert_int_equal(irq_affinity(virq).v, 2);
	assert_int_equal(irq_free(virq, 1), 0);
	assert_int_equal(fake_lock_errors(), 0);
	assert_int_equal(fake_irq_off_depth(), 0);
}

/* The device refuses the message at the sync: the activation is undone everywhere. */
static void test_bus_sync_failure_undone(void **state)
{
	slow_setup();
	virq_t virq = slow_alloc_one(IRQ_CPU(0));
	struct fake_snapshot before, after;
	fake_snapshot_take(&before);
	slow.fail_sync = -ETIMEDOUT;
	assert_int_equal(irq_activate(virq), -ETIMEDOUT);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(irq_state(virq) & IRQ_STATE_ACTIVATED, 0);
	struct msi_msg msg;
	assert_int_equal(irq_msg(virq, &msg), -ENODATA);
	assert_int_equal(fake_vec.l.activate_count, 0);
	assert_false(slow.locked);
	/* And it works the next time. */
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(slow.device_writes, 1);
	assert_int_equal(fake_lock_errors(), 0);
	assert_int_equal(fake_irq_off_depth(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bus_ops_all_or_none),
		cmocka_unit_test(test_bus_order),
		cmocka_unit_test(test_bus_sync_failure_undone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
