/* SPDX-License-Identifier: MIT */
/*
 * irq_idalloc for its other users: ids the caller names (MSI-X entries, IMS
 * slots), a limit for exhaustion tests (IRTE indexes), aligned runs over a
 * large sparse range (pages) and storage sized at run time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_idalloc.h"

static uint64_t map[IRQ_IDALLOC_WORDS(2048)];
static struct irq_idalloc ida;

/* A device's entries: the caller names them, all or none. */
static void test_alloc_at(void **state)
{
	uint32_t id;
	irq_idalloc_init(&ida, map, 0, 8);
	assert_int_equal(irq_idalloc_alloc_at(&ida, 2, 3), 0);
	assert_true(irq_idalloc_is_used(&ida, 2) && irq_idalloc_is_used(&ida, 4));
	assert_int_equal(irq_idalloc_alloc_at(&ida, 4, 2), -EBUSY);
	assert_false(irq_idalloc_is_used(&ida, 5)); /* none of a refused range */
	assert_int_equal(irq_idalloc_alloc_at(&ida, 6, 3), -EINVAL);
	assert_int_equal(irq_idalloc_alloc_at(&ida, 8, 1), -EINVAL);
	assert_int_equal(irq_idalloc_alloc_at(&ida, 0, 0), -EINVAL);
	assert_int_equal(irq_idalloc_free_count(&ida), 5);
	/* The searching allocator goes around them. */
	assert_int_equal(irq_idalloc_alloc_range(&ida, 2, 1, &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 2, 1, &id), 0);
	assert_int_equal(id, 5);
	assert_int_equal(irq_idalloc_free_range(&ida, 2, 3), 0);
	assert_int_equal(irq_idalloc_alloc_at(&ida, 2, 3), 0);
}

/* Ids counted from a base, as for an LPI range. */
static void test_alloc_at_based(void **state)
{
	irq_idalloc_init(&ida, map, 8192, 64);
	assert_int_equal(irq_idalloc_alloc_at(&ida, 8191, 1), -EINVAL);
	assert_int_equal(irq_idalloc_alloc_at(&ida, 8192 + 63, 1), 0);
	assert_int_equal(irq_idalloc_alloc_at(&ida, 8192 + 63, 2), -EINVAL);
	assert_int_equal(irq_idalloc_free(&ida, 8192 + 63), 0);
}

/* An IRTE table limited for an exhaustion test, then given back whole. */
static void test_limit(void **state)
{
	uint32_t id;
	irq_idalloc_init(&ida, map, 0, 256);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), 0);
	assert_int_equal(irq_idalloc_set_limit(&ida, 3), 256);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), 0);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), 0);
	assert_int_equal(id, 2);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), -ENOSPC);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 4, 1, &id), -ENOSPC);
	/* Named ids are not bound by it. */
	assert_int_equal(irq_idalloc_alloc_at(&ida, 200, 1), 0);
	assert_int_equal(irq_idalloc_set_limit(&ida, 0), 3);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), 0);
	assert_int_equal(id, 3);
	assert_int_equal(irq_idalloc_set_limit(&ida, 1000), 256);
	assert_int_equal(ida.limit, 256);
}

/*
 * Aligned runs over a large range with scattered taken ids, as pages are:
 * the search finds the first fit and never one that overlaps.
 */
static void test_aligned_runs_sparse(void **state)
{
	uint32_t id, first = 0x100 + 3; /* a base that is not aligned */
	irq_idalloc_init(&ida, map, first, 2000);
	for (uint32_t i = 0; i < 2000; i += 7)
		assert_int_equal(irq_idalloc_alloc_at(&ida, first + i, 1), 0);
	/* Gaps are 6 ids long: no run of 7 fits, one of 6 does, at the first gap. */
	assert_int_equal(irq_idalloc_alloc_range(&ida, 7, 1, &id), -ENOSPC);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 6, 1, &id), 0);
	assert_int_equal(id, first + 1);
	/* 4 aligned to 4: the first gap holding such a block. */
	assert_int_equal(irq_idalloc_alloc_range(&ida, 4, 4, &id), 0);
	assert_int_equal(id % 4, 0);
	for (uint32_t k = 0; k < 4; k++)
		assert_true(irq_idalloc_is_used(&ida, id + k));
	assert_int_equal(id, 0x10c); /* in the gap 0x10b..0x110 */
	/* Freed, the range joins up and a long aligned run fits. */
	for (uint32_t i = 0; i < 2000; i += 7)
		assert_int_equal(irq_idalloc_free(&ida, first + i), 0);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 512, 512, &id), 0);
	assert_int_equal(id, 0x200);
	assert_int_equal(irq_idalloc_free_count(&ida), 2000 - 6 - 4 - 512);
}

/* Storage sized at run time, as a zone of pages keeps it. */
static void test_runtime_storage(void **state)
{
	uint32_t count = 100000, id;
	uint64_t *words = malloc(IRQ_IDALLOC_WORDS(count) * sizeof(uint64_t));
	assert_non_null(words);
	memset(words, 0xff, IRQ_IDALLOC_WORDS(count) * sizeof(uint64_t));
	irq_idalloc_init(&ida, words, 0x40000, count);
	assert_int_equal(irq_idalloc_free_count(&ida), count);
	assert_int_equal(irq_idalloc_alloc_range(&ida, count, 1, &id), 0);
	assert_int_equal(id, 0x40000);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), -ENOSPC);
	assert_int_equal(irq_idalloc_free_range(&ida, 0x40000 + count - 1, 1), 0);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), 0);
	assert_int_equal(id, 0x40000 + count - 1);
	free(words);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_at),        cmocka_unit_test(test_alloc_at_based),
		cmocka_unit_test(test_limit),           cmocka_unit_test(test_aligned_runs_sparse),
		cmocka_unit_test(test_runtime_storage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
