/* SPDX-License-Identifier: MIT */
/*
 * The message-storage level over a fake device that logs every slot op:
 * masked around a rewrite when the storage asks for it, enable on the first
 * activation and disable on the last, a freed slot released, the device told
 * only what changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_msi_store.h"
#include "tests/host/irq/support_fake.h"

#define SLOTS 4

static struct {
	char log[256]; /* one letter per op: W write, M mask, U unmask, E enable, D disable, R release */
	bool masked[SLOTS];
	int fail_write;
} dev;

static void dev_log(char c)
{
	size_t n = strlen(dev.log);
	assert_true(n + 1 < sizeof(dev.log));
	dev.log[n] = c;
}

static int dev_write(void *d, uint32_t slot, const struct msi_msg *msg)
{
	int err = dev.fail_write;
	dev.fail_write = 0;
	if (err)
		return err;
	dev_log('W');
	return 0;
}

static int dev_mask(void *d, uint32_t slot)
{
	dev.masked[slot] = true;
	dev_log('M');
	return 0;
}

static int dev_unmask(void *d, uint32_t slot)
{
	dev.masked[slot] = false;
	dev_log('U');
	return 0;
}

static void dev_enable(void *d)
{
	dev_log('E');
}

static void dev_disable(void *d)
{
	dev_log('D');
}

static void dev_release(void *d, uint32_t slot)
{
	dev_log('R');
}

static const struct irq_msi_slot_ops table_ops = {
	.write_msg = dev_write,
	.mask = dev_mask,
	.unmask = dev_unmask,
	.enable = dev_enable,
	.disable = dev_disable,
	.release = dev_release,
};

static int owner = 1;
static struct irq_msi_store store;
static struct irq_domain dom;

static void setup(bool mask_to_write)
{
	fake_stack_setup(false, 8, 8);
	memset(&dev, 0, sizeof(dev));
	struct irq_msi_store_info info = {
		.name = "store",
		.dev = &dev,
		.owner = &owner,
		.slot_count = SLOTS,
		.ops = &table_ops,
		.mask_to_write = mask_to_write,
	};
	assert_int_equal(irq_msi_store_create(&store, &dom, &fake_vec.l.domain, &info), 0);
}

static virq_t alloc_at(uint32_t slot, uint32_t nr)
{
	struct irq_alloc_info info = {.cpu = IRQ_CPU(0), .dev = &owner, .index = HWIRQ(slot)};
	virq_t virq;
	assert_int_equal(irq_alloc(&dom, nr, &info, &virq), 0);
	return virq;
}

/* An MSI-X-like table: the sequence of device ops over one interrupt's life. */
static void test_store_table_life(void **state)
{
	setup(true);
	virq_t v = alloc_at(1, 2);
	assert_string_equal(dev.log, "MM"); /* both slots closed at once */
	assert_int_equal(irq_unmask(v), 0);
	assert_string_equal(dev.log, "MM"); /* not live: nothing to tell */
	assert_int_equal(irq_activate(v), 0);
	assert_string_equal(dev.log, "MMEMWU"); /* enable, masked around the write, opened */
	assert_int_equal(irq_set_affinity(v, IRQ_CPU(2)), 0);
	assert_string_equal(dev.log, "MMEMWUMWU");
	assert_int_equal(irq_activate(VIRQ(v.v + 1)), 0);
	assert_string_equal(dev.log, "MMEMWUMWUMW"); /* no second enable; stays masked */
	assert_int_equal(irq_deactivate(v), 0);
	assert_string_equal(dev.log, "MMEMWUMWUMWM"); /* closed, another slot still active */
	assert_int_equal(irq_deactivate(VIRQ(v.v + 1)), 0);
	assert_string_equal(dev.log, "MMEMWUMWUMWMD");
	assert_int_equal(irq_free(v, 2), 0);
	assert_string_equal(dev.log, "MMEMWUMWUMWMDRRD"); /* released, none left: disabled */
	assert_int_equal(store.slots.used, 0);
	assert_int_equal(store.mask_errors, 0);
	assert_int_equal(irq_domain_remove(&dom), 0);
	assert_int_equal(fake_lock_errors(), 0);
}

/* An IMS-like storage writes atomically: no mask around the rewrite. */
static void test_store_atomic_write(void **state)
{
	setup(false);
	virq_t v = alloc_at(0, 1);
	assert_int_equal(irq_unmask(v), 0);
	assert_int_equal(irq_activate(v), 0);
	assert_string_equal(dev.log, "MEWU");
	assert_false(dev.masked[0]);
	assert_true(irq_msi_store_open(&store, 0));
	/* A failed write leaves the slot as it was and open. */
	dev.fail_write = -EIO;
	assert_int_equal(irq_set_affinity(v, IRQ_CPU(1)), -EIO);
	assert_string_equal(dev.log, "MEWU");
	assert_true(irq_msi_store_open(&store, 0));
}

static void test_store_show_and_errors(void **state)
{
	setup(false);
	struct irq_alloc_info info = {.cpu = IRQ_CPU(0), .dev = &dev, .index = HWIRQ(0)};
	virq_t v;
	assert_int_equal(irq_alloc(&dom, 1, &info, &v), -EINVAL); /* not the owner */
	info.dev = &owner;
	info.index = HWIRQ(SLOTS);
	assert_int_equal(irq_alloc(&dom, 1, &info, &v), -EINVAL); /* past the slots */
	v = alloc_at(3, 1);
	char buf[32];
	dom.ops->show(irq_chain(v), buf, sizeof(buf));
	assert_string_equal(buf, "slot 3 masked");
	struct irq_msi_store_info bad = {
		.name = "bad", .dev = &dev, .slot_count = 0, .ops = &table_ops};
	struct irq_msi_store s2;
	struct irq_domain d2;
	assert_int_equal(irq_msi_store_create(&s2, &d2, &fake_vec.l.domain, &bad), -EINVAL);
	bad.slot_count = IRQ_MSI_STORE_MAX_SLOTS + 1;
	assert_int_equal(irq_msi_store_create(&s2, &d2, &fake_vec.l.domain, &bad), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_table_life),
		cmocka_unit_test(test_store_atomic_write),
		cmocka_unit_test(test_store_show_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
