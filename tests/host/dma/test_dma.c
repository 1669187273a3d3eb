/* SPDX-License-Identifier: MIT */
/*
 * kernel/dma: identity without a backend; with one, whole pages handed to
 * it, the offset inside the page kept, its errors returned unchanged, and
 * unmap given the same pages the map got.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kernel/dma.h"
#include "kernel/errno.h"

#define FAKE_IOVA_SHIFT 0x100000000ull /* the fake backend maps phys at phys + 4 GiB */

static struct {
	unsigned maps, unmaps;
	uint32_t rid;
	uint64_t addr, size;
	int err;
} fake;

static int fake_map(uint32_t rid, uint64_t phys, uint64_t size, uint64_t *dev_addr)
{
	fake.maps++;
	fake.rid = rid;
	fake.addr = phys;
	fake.size = size;
	if (fake.err)
		return fake.err;
	*dev_addr = phys + FAKE_IOVA_SHIFT;
	return 0;
}

static int fake_unmap(uint32_t rid, uint64_t dev_addr, uint64_t size)
{
	fake.unmaps++;
	fake.rid = rid;
	fake.addr = dev_addr;
	fake.size = size;
	return fake.err;
}

static const struct dma_ops fake_ops = {.name = "fake", .map = fake_map, .unmap = fake_unmap};

static int setup(void **state)
{
	(void)state;
	fake = (typeof(fake)){0};
	dma_set_ops(0);
	return 0;
}

static void identity_without_backend(void **state)
{
	uint64_t bus = 0;
	assert_string_equal(dma_backend_name(), "identity");
	assert_int_equal(dma_map(0x08, 0x40001234, 12, &bus), 0);
	assert_int_equal(bus, 0x40001234);
	assert_int_equal(dma_unmap(0x08, bus, 12), 0);
	assert_int_equal(fake.maps + fake.unmaps, 0);
}

static void bad_ranges(void **state)
{
	uint64_t bus = 7;
	assert_int_equal(dma_map(0x08, 0x1000, 0, &bus), -EINVAL);
	assert_int_equal(dma_map(0x08, UINT64_MAX - 0xff, 0x200, &bus), -EINVAL);
	assert_int_equal(dma_map(0x08, UINT64_MAX - 0xff, 0x100, &bus), -EINVAL); /* last page */
	assert_int_equal(bus, 7);
	dma_set_ops(&fake_ops);
	assert_int_equal(dma_map(0x08, 0x1000, 0, &bus), -EINVAL);
	assert_int_equal(dma_unmap(0x08, 0x1000, 0), -EINVAL);
	assert_int_equal(fake.maps + fake.unmaps, 0);
}

static void whole_pages_to_backend(void **state)
{
	uint64_t bus = 0;
	dma_set_ops(&fake_ops);
	assert_string_equal(dma_backend_name(), "fake");
	/* 0x40000ff0 + 0x20 straddles two pages: both go to the backend. */
	assert_int_equal(dma_map(0x10, 0x40000ff0, 0x20, &bus), 0);
	assert_int_equal(fake.rid, 0x10);
	assert_int_equal(fake.addr, 0x40000000);
	assert_int_equal(fake.size, 0x2000);
	assert_int_equal(bus, 0x40000ff0 + FAKE_IOVA_SHIFT);
	assert_int_equal(dma_unmap(0x10, bus, 0x20), 0);
	assert_int_equal(fake.addr, 0x40000000 + FAKE_IOVA_SHIFT);
	assert_int_equal(fake.size, 0x2000);
	/* Exactly one page. */
	assert_int_equal(dma_map(0x10, 0x40003000, 0x1000, &bus), 0);
	assert_int_equal(fake.addr, 0x40003000);
	assert_int_equal(fake.size, 0x1000);
	assert_int_equal(bus, 0x40003000 + FAKE_IOVA_SHIFT);
}

static void backend_errors_unchanged(void **state)
{
	uint64_t bus = 7;
	dma_set_ops(&fake_ops);
	fake.err = -EEXIST;
	assert_int_equal(dma_map(0x10, 0x40000000, 4, &bus), -EEXIST);
	assert_int_equal(bus, 7);
	fake.err = -ENOENT;
	assert_int_equal(dma_unmap(0x10, 0x40000000, 4), -ENOENT);
	assert_int_equal(fake.maps, 1);
	assert_int_equal(fake.unmaps, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(identity_without_backend, setup),
		cmocka_unit_test_setup(bad_ranges, setup),
		cmocka_unit_test_setup(whole_pages_to_backend, setup),
		cmocka_unit_test_setup(backend_errors_unchanged, setup),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
