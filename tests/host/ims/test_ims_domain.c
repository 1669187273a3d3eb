/* SPDX-License-Identifier: MIT */
/* The IMS bus domain on the irq core's fake levels, over a fake slot store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/ims/ims_domain.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "tests/host/irq/support_fake.h"

#define SLOTS 8

/* The device: its slots as it holds them, and what it was asked. */
static struct {
	struct msi_msg msg[SLOTS];
	bool masked[SLOTS];
	unsigned writes, masks, unmasks;
	int fail_write, fail_mask;  /* consumed by the next call */
	void (*during_write)(void); /* runs inside the next write, as if it took long */
} dev;

static struct ims_domain im;

/*
 * The slow bus's order (irq_desc.h): the device is written under the
 * domain's bus lock only, interrupts off once, with neither a descriptor
 * lock nor the core lock held.
 */
static void dev_check_context(void)
{
	assert_false(fake_lock_held());
	assert_true(__atomic_load_n(&im.store.bus_lock.locked, __ATOMIC_RELAXED));
	assert_int_equal(fake_irq_off_depth(), 1);
}

static int dev_write(void *d, uint32_t slot, const struct msi_msg *msg)
{
	assert_ptr_equal(d, &dev);
	assert_true(slot < SLOTS);
	dev_check_context();
	if (dev.during_write) {
		void (*fn)(void) = dev.during_write;
		dev.during_write = NULL;
		fn();
	}
	int err = dev.fail_write;
	dev.fail_write = 0;
	if (err)
		return err;
	dev.msg[slot] = *msg;
	dev.writes++;
	return 0;
}

static int dev_mask(void *d, uint32_t slot)
{
	dev_check_context();
	int err = dev.fail_mask;
	dev.fail_mask = 0;
	if (err)
		return err;
	dev.masked[slot] = true;
	dev.masks++;
	return 0;
}

static int dev_unmask(void *d, uint32_t slot)
{
	dev_check_context();
	dev.masked[slot] = false;
	dev.unmasks++;
	return 0;
}

static const struct irq_msi_slot_ops dev_ops = {
	.write_msg = dev_write, .mask = dev_mask, .unmask = dev_unmask};
static const struct ims_storage storage = {"fake", SLOTS, &dev, &dev_ops};

static bool registered(const struct irq_domain *d)
{
	for (struct irq_domain *it = irq_domain_first(); it; it = it->next)
		if (it == d)
			return true;
	return false;
}

static void setup(bool with_remap)
{
	fake_stack_setup(with_remap, 8, 8);
	memset(&dev, 0, sizeof(dev));
	for (int i = 0; i < SLOTS; i++)
		dev.masked[i] = false; /* a device that starts open: the domain must close it */
}

static struct irq_domain *parent(bool with_remap)
{
	return with_remap ? &fake_remap.l.domain : &fake_vec.l.domain;
}

static virq_t ims_alloc_slot(irq_cpu_t cpu, uint32_t slot)
{
	struct irq_alloc_info info = {
		.cpu = cpu, .dev = &dev, .ids = {.rid = 0x10}, .index = HWIRQ(slot)};
	virq_t virq;
	assert_int_equal(irq_alloc(&im.domain, 1, &info, &virq), 0);
	return virq;
}

static const char *policy_reason = "VM without the IMS opt-in";
static int policy_gate(uint32_t feature, const char **reason)
{
	*reason = policy_reason;
	return -EOPNOTSUPP;
}

static void test_ims_refused_by_policy(void **state)
{
	setup(true);
	struct fake_snapshot before, after;
	fake_snapshot_take(&before);
	assert_int_equal(irq_domain_set_gate(&fake_remap.l.domain, policy_gate), 0);
	const char *why = NULL;
	assert_int_equal(ims_domain_create(&im, parent(true), &storage, &why), -EOPNOTSUPP);
	assert_ptr_equal(why, policy_reason);
	assert_false(registered(&im.domain));
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(dev.writes + dev.masks + dev.unmasks, 0);
	/* The policy lifted (forced for a demonstration): created. */
	assert_int_equal(irq_domain_set_gate(&fake_remap.l.domain, NULL), 0);
	assert_int_equal(ims_domain_create(&im, parent(true), &storage, &why), 0);
	assert_null(why);
	assert_true(registered(&im.domain));
	assert_ptr_equal(im.domain.parent, parent(true));
}

static void test_ims_refused_by_level(void **state)
{
	setup(false);
	fake_vec.l.domain.features = 0; /* nobody vouches */
	const char *why = NULL;
	assert_int_equal(ims_domain_create(&im, parent(false), &storage, &why), -EOPNOTSUPP);
	assert_string_equal(why, "no level of the interrupt stack supports it");
	fake_vec.l.domain.features = ~IRQ_FEATURE_IMS; /* other features only */
	assert_int_equal(ims_domain_create(&im, parent(false), &storage, &why), -EOPNOTSUPP);
	assert_string_equal(why, "no level of the interrupt stack supports it");
	assert_false(registered(&im.domain));
}

static void test_ims_bad_storage(void **state)
{
	setup(false);
	const char *why = NULL;
	struct ims_storage st = storage;
	st.slot_count = 0;
	assert_int_equal(ims_domain_create(&im, parent(false), &st, &why), -EINVAL);
	assert_non_null(why);
	st.slot_count = IMS_MAX_SLOTS + 1;
	assert_int_equal(ims_domain_create(&im, parent(false), &st, &why), -EINVAL);
	st = storage;
	st.ops = NULL;
	assert_int_equal(ims_domain_create(&im, parent(false), &st, &why), -EINVAL);
	assert_int_equal(ims_domain_create(&im, NULL, &storage, &why), -EINVAL);
}

/* Allocated slots start masked in the device; activation writes the parent's message. */
static void test_ims_deliver_path(void **state)
{
	setup(true);
	assert_int_equal(ims_domain_create(&im, parent(true), &storage, NULL), 0);
	virq_t virq = ims_alloc_slot(IRQ_CPU(2), 5);
	assert_true(dev.masked[5]);
	assert_int_equal(irq_chain(virq)->hwirq.v, 5);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(dev.writes, 1);
	struct msi_msg msg;
	assert_int_equal(irq_msg(virq, &msg), 0);
	assert_true(msi_msg_eq(&dev.msg[5], &msg));
	assert_true(dev.masked[5]); /* live, but nobody unmasked it */
	assert_int_equal(irq_unmask(virq), 0);
	assert_false(dev.masked[5]);
	/* Unmask again: the device is not asked twice. */
	unsigned unmasks = dev.unmasks;
	assert_int_equal(irq_unmask(virq), 0);
	assert_int_equal(dev.unmasks, unmasks);
	assert_int_equal(irq_mask(virq), 0);
	assert_true(dev.masked[5]);
	assert_int_equal(irq_unmask(virq), 0);
	/* Deactivated: closed in the device whatever the core's mask says. */
	assert_int_equal(irq_deactivate(virq), 0);
	assert_true(dev.masked[5]);
	assert_int_equal(irq_free(virq, 1), 0);
	assert_int_equal(im.store.slots.used, 0);
	assert_int_equal(ims_domain_remove(&im), 0);
	assert_int_equal(fake_lock_errors(), 0);
}

static void test_ims_alloc_errors(void **state)
{
	setup(false);
	assert_int_equal(ims_domain_create(&im, parent(false), &storage, NULL), 0);
	struct fake_snapshot before, after;
	virq_t held = ims_alloc_slot(IRQ_CPU(0), 1);
	fake_snapshot_take(&before);
	virq_t virq;
	struct irq_alloc_info info = {.cpu = IRQ_CPU(0), .dev = &dev, .index = HWIRQ(SLOTS - 1)};
	assert_int_equal(irq_alloc(&im.domain, 2, &info, &virq), -EINVAL); /* past the slots */
	info.index = HWIRQ(0);
	assert_int_equal(irq_alloc(&im.domain, 2, &info, &virq), -EBUSY); /* slot 1 is taken */
	info.dev = &im;
	assert_int_equal(irq_alloc(&im.domain, 1, &info, &virq), -EINVAL); /* another device */
	info.dev = &dev;
	fake_vec.l.fail[FAKE_OP_ALLOC] = -ENOSPC;
	assert_int_equal(irq_alloc(&im.domain, 1, &info, &virq), -ENOSPC); /* parent full */
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(im.store.slots.used, 1);
	assert_int_equal(ims_domain_remove(&im), -EBUSY);
	assert_int_equal(irq_free(held, 1), 0);
	assert_int_equal(ims_domain_remove(&im), 0);
}

/* The device write fails: activation errno unchanged, every level back, slot untouched. */
static void test_ims_write_fails(void **state)
{
	setup(true);
	assert_int_equal(ims_domain_create(&im, parent(true), &storage, NULL), 0);
	virq_t virq = ims_alloc_slot(IRQ_CPU(1), 3);
	struct fake_snapshot before, after;
	fake_snapshot_take(&before);
	dev.fail_write = -ETIMEDOUT;
	assert_int_equal(irq_activate(virq), -ETIMEDOUT);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&before, &after);
	assert_int_equal(dev.writes, 0);
	assert_true(dev.masked[3]);
	assert_int_equal(irq_unmask(virq), 0);
	assert_true(dev.masked[3]); /* not live: stays closed */
	assert_int_equal(irq_activate(virq), 0);
	assert_false(dev.masked[3]); /* live and unmasked */
}

/* Remapped: the remap level absorbs the move (DONE), the slot is not rewritten. */
static void test_ims_affinity(void **state)
{
	setup(true);
	assert_int_equal(ims_domain_create(&im, parent(true), &storage, NULL), 0);
	virq_t virq = ims_alloc_slot(IRQ_CPU(0), 0);
	assert_int_equal(irq_activate(virq), 0);
	struct msi_msg stored = dev.msg[0];
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(3)), 0);
	assert_int_equal(dev.writes, 1);
	assert_true(msi_msg_eq(&dev.msg[0], &stored));

	/* Compatibility format: the message changes and the slot is rewritten once. */
	setup(false);
	assert_int_equal(ims_domain_create(&im, parent(false), &storage, NULL), 0);
	virq = ims_alloc_slot(IRQ_CPU(0), 0);
	assert_int_equal(irq_activate(virq), 0);
	stored = dev.msg[0];
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(3)), 0);
	assert_int_equal(dev.writes, 2);
	assert_false(msi_msg_eq(&dev.msg[0], &stored));
	/* A failed rewrite leaves the old routing and the old message. */
	stored = dev.msg[0];
	dev.fail_write = -EIO;
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), -EIO);
	assert_int_equal(irq_affinity(virq).v, 3);
	assert_true(msi_msg_eq(&dev.msg[0], &stored));
}

static void test_ims_mask_error_counted(void **state)
{
	setup(false);
	assert_int_equal(ims_domain_create(&im, parent(false), &storage, NULL), 0);
	dev.fail_mask = -ETIMEDOUT;
	virq_t virq = ims_alloc_slot(IRQ_CPU(0), 2);
	assert_int_equal(im.store.mask_errors, 1);
	assert_int_equal(im.store.last_mask_error, -ETIMEDOUT);
	assert_false(dev.masked[2]);
	(void)virq;
}

/* Another interrupt, delivered and queried while slot 1's message is being written. */
static virq_t other_virq;

static void deliver_other(void)
{
	struct irq_data *bottom = fake_vec_data(other_virq);
	assert_int_equal(irq_handle(&fake_vec.l.domain, bottom->cpu, bottom->hwirq), 0);
	assert_int_equal(irq_count(other_virq, bottom->cpu), 1);
	/* The descriptor being written is not locked either: its queries answer. */
	assert_int_equal(irq_state(VIRQ(other_virq.v + 1)) & IRQ_STATE_ALLOCATED,
			 IRQ_STATE_ALLOCATED);
	/* Another domain's level ops run: the core lock is free. */
	assert_int_equal(irq_set_affinity(other_virq, IRQ_CPU(3)), 0);
}

static void test_ims_write_outside_core_lock(void **state)
{
	setup(false);
	assert_int_equal(ims_domain_create(&im, parent(false), &storage, NULL), 0);
	other_virq = fake_alloc(IRQ_CPU(0), 0, 1); /* on the fake bus, beside the IMS domain */
	assert_int_equal(irq_activate(other_virq), 0);
	virq_t virq = ims_alloc_slot(IRQ_CPU(2), 1);
	assert_int_equal(virq.v, other_virq.v + 1);
	dev.during_write = deliver_other;
	assert_int_equal(irq_activate(virq), 0);
	assert_null(dev.during_write); /* it ran */
	assert_int_equal(dev.writes, 1);
	assert_int_equal(irq_affinity(other_virq).v, 3);
	assert_int_equal(fake_lock_errors(), 0);
	assert_int_equal(fake_irq_off_depth(), 0);
}

/* A failed write at the sync after a move: the old routing and message stay, nothing held. */
static void test_ims_sync_failure_reverts_move(void **state)
{
	setup(false);
	assert_int_equal(ims_domain_create(&im, parent(false), &storage, NULL), 0);
	virq_t virq = ims_alloc_slot(IRQ_CPU(0), 4);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(irq_unmask(virq), 0);
	struct msi_msg before;
	assert_int_equal(irq_msg(virq, &before), 0);
	struct fake_snapshot snap, after;
	fake_snapshot_take(&snap);
	dev.fail_write = -EIO;
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(2)), -EIO);
	fake_snapshot_take(&after);
	fake_snapshot_assert_equal(&snap, &after);
	struct msi_msg now;
	assert_int_equal(irq_msg(virq, &now), 0);
	assert_true(msi_msg_eq(&now, &before));
	assert_true(msi_msg_eq(&dev.msg[4], &before));
	assert_false(dev.masked[4]); /* still live and open */
	assert_int_equal(fake_lock_errors(), 0);
	assert_int_equal(fake_irq_off_depth(), 0);
	assert_false(im.store.bus_lock.locked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ims_refused_by_policy),
		cmocka_unit_test(test_ims_refused_by_level),
		cmocka_unit_test(test_ims_bad_storage),
		cmocka_unit_test(test_ims_deliver_path),
		cmocka_unit_test(test_ims_alloc_errors),
		cmocka_unit_test(test_ims_write_fails),
		cmocka_unit_test(test_ims_affinity),
		cmocka_unit_test(test_ims_mask_error_counted),
		cmocka_unit_test(test_ims_write_outside_core_lock),
		cmocka_unit_test(test_ims_sync_failure_reverts_move),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
