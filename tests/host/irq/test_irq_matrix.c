/* SPDX-License-Identifier: MIT */
/* irq_matrix (per-CPU vectors) and irq_idalloc (IRTE indexes, EventIDs, LPIs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_idalloc.h"
#include "kernel/irq/irq_matrix.h"

static struct irq_matrix m;

/* x86: device vectors 0x20..0xEF, 208 per CPU. */
static void x86_matrix(void)
{
	assert_int_equal(irq_matrix_init(&m, 0x20, 0xf0), 0);
}

static void test_matrix_init_errors(void **state)
{
	assert_int_equal(irq_matrix_init(&m, 0x20, 0x101), -EINVAL);
	assert_int_equal(irq_matrix_init(&m, 0x30, 0x30), -EINVAL);
	x86_matrix();
	for (uint32_t c = 0; c < IRQ_MAX_CPUS; c++)
		assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(c)), 208);
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(IRQ_MAX_CPUS)), 0);
}

static void test_matrix_system_vectors(void **state)
{
	uint32_t id;
	x86_matrix();
	assert_int_equal(irq_matrix_reserve_system(&m, 0x20), 0);
	assert_int_equal(irq_matrix_reserve_system(&m, 0x20), -EBUSY);
	assert_int_equal(irq_matrix_reserve_system(&m, 0xf0), -EINVAL);
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(3)), 207);
	assert_int_equal(irq_matrix_alloc(&m, IRQ_CPU(3), &id), 0);
	assert_int_equal(id, 0x21); /* the system vector is skipped */
	assert_int_equal(irq_matrix_free(&m, IRQ_CPU(3), 0x20), -EINVAL);
	/* A vector in use on one CPU cannot become a system vector. */
	assert_int_equal(irq_matrix_reserve_system(&m, 0x21), -EBUSY);
	assert_int_equal(irq_matrix_free(&m, IRQ_CPU(3), 0x21), 0);
	assert_int_equal(irq_matrix_reserve_system(&m, 0x21), 0);
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(0)), 206);
}

static void test_matrix_exhaustion_exact_counts(void **state)
{
	uint32_t id, n = 0;
	x86_matrix();
	assert_int_equal(irq_matrix_reserve_system(&m, 0xec), 0);
	while (irq_matrix_alloc(&m, IRQ_CPU(1), &id) == 0)
		n++;
	assert_int_equal(n, 207);
	assert_int_equal(irq_matrix_alloc(&m, IRQ_CPU(1), &id), -ENOSPC);
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(1)), 0);
	assert_int_equal(irq_matrix_allocated_count(&m, IRQ_CPU(1)), 207);
	/* Other CPUs are untouched. */
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(0)), 207);
	assert_int_equal(irq_matrix_free(&m, IRQ_CPU(1), 0x40), 0);
	assert_int_equal(irq_matrix_free(&m, IRQ_CPU(1), 0x40), -EINVAL);
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(1)), 1);
	assert_int_equal(irq_matrix_alloc(&m, IRQ_CPU(1), &id), 0);
	assert_int_equal(id, 0x40);
	assert_int_equal(irq_matrix_alloc(&m, IRQ_CPU(IRQ_MAX_CPUS), &id), -EINVAL);
}

static void test_matrix_reserve_per_cpu(void **state)
{
	uint32_t id;
	x86_matrix();
	assert_int_equal(irq_matrix_reserve(&m, IRQ_CPU(2), 0x20), 0);
	assert_int_equal(irq_matrix_reserve(&m, IRQ_CPU(2), 0x20), -EBUSY);
	assert_int_equal(irq_matrix_reserved_count(&m, IRQ_CPU(2)), 1);
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(2)), 207);
	assert_int_equal(irq_matrix_free(&m, IRQ_CPU(2), 0x20),
			 -EINVAL); /* reserved, not allocated */
	assert_int_equal(irq_matrix_alloc(&m, IRQ_CPU(2), &id), 0);
	assert_int_equal(id, 0x21);
	assert_int_equal(irq_matrix_unreserve(&m, IRQ_CPU(2), 0x21), -EINVAL);
	assert_int_equal(irq_matrix_unreserve(&m, IRQ_CPU(2), 0x20), 0);
	assert_int_equal(irq_matrix_reserved_count(&m, IRQ_CPU(2)), 0);
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(2)), 207);
	assert_int_equal(irq_matrix_alloc(&m, IRQ_CPU(2), &id), 0);
	assert_int_equal(id, 0x20);
}

static void test_matrix_alloc_any_least_loaded(void **state)
{
	uint32_t id;
	irq_cpu_t cpu;
	irq_cpumask_t mask = {.bits = 0x7}; /* CPUs 0-2 */

	assert_int_equal(irq_matrix_init(&m, 0x30, 0x33), 0); /* 3 per CPU */
	assert_int_equal(irq_matrix_alloc(&m, IRQ_CPU(0), &id), 0);
	assert_int_equal(irq_matrix_alloc(&m, IRQ_CPU(1), &id), 0);
	assert_int_equal(irq_matrix_alloc_any(&m, mask, &cpu, &id), 0);
	assert_int_equal(cpu.v, 2);
	assert_int_equal(id, 0x30);
	/* Tie between 0, 1, 2 (2 free each): the lowest CPU. */
	assert_int_equal(irq_matrix_alloc_any(&m, mask, &cpu, &id), 0);
	assert_int_equal(cpu.v, 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(irq_matrix_alloc_any(&m, mask, &cpu, &id), 0);
	assert_int_equal(irq_matrix_alloc_any(&m, mask, &cpu, &id), -ENOSPC);
	for (uint32_t c = 0; c < 3; c++)
		assert_int_equal(irq_matrix_allocated_count(&m, IRQ_CPU(c)), 3);
	/* CPU 3 is outside the mask and still empty. */
	assert_int_equal(irq_matrix_free_count(&m, IRQ_CPU(3)), 3);
	assert_int_equal(irq_matrix_alloc_any(&m, (irq_cpumask_t){0}, &cpu, &id), -EINVAL);
}

static uint64_t ida_map[IRQ_IDALLOC_WORDS(200)];
static struct irq_idalloc ida;

static void test_idalloc_basic(void **state)
{
	uint32_t id;
	irq_idalloc_init(&ida, ida_map, 0, 5);
	for (uint32_t i = 0; i < 5; i++) {
		assert_int_equal(irq_idalloc_alloc(&ida, &id), 0);
		assert_int_equal(id, i);
	}
	assert_int_equal(irq_idalloc_alloc(&ida, &id), -ENOSPC);
	assert_int_equal(irq_idalloc_free_count(&ida), 0);
	assert_int_equal(irq_idalloc_free(&ida, 2), 0);
	assert_int_equal(irq_idalloc_free(&ida, 2), -EINVAL);
	assert_int_equal(irq_idalloc_free(&ida, 5), -EINVAL);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), 0);
	assert_int_equal(id, 2);
}

/* LPIs start at 8192; ITS blocks of EventIDs are power-of-two aligned. */
static void test_idalloc_range_aligned(void **state)
{
	uint32_t first;
	irq_idalloc_init(&ida, ida_map, 8192, 200);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 3, 1, &first), 0);
	assert_int_equal(first, 8192);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 4, 4, &first), 0);
	assert_int_equal(first, 8196);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 1, 3, &first), -EINVAL);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 0, 1, &first), -EINVAL);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 201, 1, &first), -ENOSPC);
	assert_int_equal(irq_idalloc_alloc_range(&ida, 1, 1, &first), 0);
	assert_int_equal(first, 8195); /* the hole before the aligned block */
	/* Freeing a range with one free id in it changes nothing. */
	assert_int_equal(irq_idalloc_free_range(&ida, 8196, 5), -EINVAL);
	assert_int_equal(irq_idalloc_free_count(&ida), 200 - 8);
	assert_int_equal(irq_idalloc_free_range(&ida, 8196, 4), 0);
	assert_int_equal(irq_idalloc_free_count(&ida), 200 - 4);
}

static void test_idalloc_reserve(void **state)
{
	uint32_t id;
	irq_idalloc_init(&ida, ida_map, 0, 3);
	assert_int_equal(irq_idalloc_reserve(&ida, 0), 0);
	assert_int_equal(irq_idalloc_reserve(&ida, 0), -EBUSY);
	assert_int_equal(irq_idalloc_reserve(&ida, 3), -EINVAL);
	assert_int_equal(irq_idalloc_alloc(&ida, &id), 0);
	assert_int_equal(id, 1);
	assert_int_equal(irq_idalloc_free_count(&ida), 1);
	assert_int_equal(irq_idalloc_unreserve(&ida, 0), 0);
	assert_int_equal(irq_idalloc_unreserve(&ida, 0), -EINVAL);
	assert_int_equal(irq_idalloc_free_count(&ida), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix_init_errors),
		cmocka_unit_test(test_matrix_system_vectors),
		cmocka_unit_test(test_matrix_exhaustion_exact_counts),
		cmocka_unit_test(test_matrix_reserve_per_cpu),
		cmocka_unit_test(test_matrix_alloc_any_least_loaded),
		cmocka_unit_test(test_idalloc_basic),
		cmocka_unit_test(test_idalloc_range_aligned),
		cmocka_unit_test(test_idalloc_reserve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
