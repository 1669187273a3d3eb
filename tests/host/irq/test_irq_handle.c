/* SPDX-License-Identifier: MIT */
/* Delivery and accounting (expected, unexpected, spurious per CPU), debug view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_debug.h"
#include "tests/host/irq/support_fake.h"

struct seen {
	uint32_t calls;
	virq_t last;
	bool lock_held; /* handlers run outside the core lock */
};

static void count_handler(virq_t virq, void *cookie)
{
	struct seen *s = cookie;
	s->calls++;
	s->last = virq;
	s->lock_held |= fake_lock_held();
}

static void test_delivery_counts(void **state)
{
	struct seen a = {0}, b = {0};
	fake_stack_setup(false, 4, 0);
	virq_t va = fake_alloc(IRQ_CPU(0), 0, 1);
	virq_t vb = fake_alloc(IRQ_CPU(1), 1, 1);
	assert_int_equal(irq_set_handler(va, count_handler, &a), 0);
	assert_int_equal(irq_set_handler(vb, count_handler, &b), 0);
	assert_int_equal(irq_set_handler(VIRQ(40), count_handler, &b), -EINVAL);
	struct irq_domain *vec = &fake_vec.l.domain;

	for (int i = 0; i < 5; i++)
		assert_int_equal(irq_handle(vec, IRQ_CPU(0), HWIRQ(FAKE_VEC_FIRST)), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(irq_handle(vec, IRQ_CPU(1), HWIRQ(FAKE_VEC_FIRST)), 0);
	assert_int_equal(a.calls, 5);
	assert_int_equal(a.last.v, va.v);
	assert_int_equal(b.calls, 3);
	assert_int_equal(b.last.v, vb.v);
	assert_false(a.lock_held || b.lock_held);
	assert_int_equal(irq_count(va, IRQ_CPU(0)), 5);
	assert_int_equal(irq_count(va, IRQ_CPU(1)), 0);
	assert_int_equal(irq_count(vb, IRQ_CPU(1)), 3);
	assert_int_equal(irq_count(vb, IRQ_CPU(0)), 0);

	/* Unmapped vectors: unexpected on the CPU that took them. */
	assert_int_equal(irq_handle(vec, IRQ_CPU(2), HWIRQ(FAKE_VEC_FIRST)), -ENOENT);
	assert_int_equal(irq_handle(vec, IRQ_CPU(0), HWIRQ(FAKE_VEC_FIRST + 1)), -ENOENT);
	assert_int_equal(irq_handle(vec, IRQ_CPU(0), HWIRQ(0x1000)), -ENOENT); /* beyond the map */
	assert_int_equal(irq_handle(NULL, IRQ_CPU(3), HWIRQ(FAKE_VEC_FIRST)), -ENOENT);
	assert_int_equal(irq_handle(vec, IRQ_CPU(IRQ_MAX_CPUS), HWIRQ(FAKE_VEC_FIRST)), -EINVAL);
	assert_int_equal(irq_unexpected_count(IRQ_CPU(0)), 2);
	assert_int_equal(irq_unexpected_count(IRQ_CPU(1)), 0);
	assert_int_equal(irq_unexpected_count(IRQ_CPU(2)), 1);
	assert_int_equal(irq_unexpected_count(IRQ_CPU(3)), 1);

	/* Spurious is its own count. */
	irq_account_spurious(IRQ_CPU(3));
	irq_account_spurious(IRQ_CPU(3));
	irq_account_spurious(IRQ_CPU(IRQ_MAX_CPUS)); /* ignored */
	assert_int_equal(irq_spurious_count(IRQ_CPU(3)), 2);
	assert_int_equal(irq_spurious_count(IRQ_CPU(0)), 0);
	assert_int_equal(irq_unexpected_count(IRQ_CPU(3)), 1);
	/* None of that touched the interrupts' counts. */
	assert_int_equal(irq_count(va, IRQ_CPU(0)), 5);
	assert_int_equal(fake_lock_errors(), 0);
}

static void test_delivery_without_handler(void **state)
{
	struct seen a = {0};
	fake_stack_setup(false, 4, 0);
	virq_t va = fake_alloc(IRQ_CPU(2), 0, 1);
	assert_int_equal(irq_handle(&fake_vec.l.domain, IRQ_CPU(2), HWIRQ(FAKE_VEC_FIRST)), 0);
	assert_int_equal(irq_count(va, IRQ_CPU(2)), 1);
	assert_int_equal(irq_set_handler(va, count_handler, &a), 0);
	assert_int_equal(irq_set_handler(va, NULL, NULL), 0);
	assert_int_equal(irq_handle(&fake_vec.l.domain, IRQ_CPU(2), HWIRQ(FAKE_VEC_FIRST)), 0);
	assert_int_equal(a.calls, 0);
	assert_int_equal(irq_count(va, IRQ_CPU(2)), 2);
	/* After irq_free the vector is unexpected again. */
	assert_int_equal(irq_free(va, 1), 0);
	assert_int_equal(irq_handle(&fake_vec.l.domain, IRQ_CPU(2), HWIRQ(FAKE_VEC_FIRST)),
			 -ENOENT);
	assert_int_equal(irq_unexpected_count(IRQ_CPU(2)), 1);
}

/* A handler may call back into the core (it runs outside the lock). */
static void masking_handler(virq_t virq, void *cookie)
{
	assert_int_equal(irq_mask(virq), 0);
}

static void test_handler_reenters_core(void **state)
{
	fake_stack_setup(false, 4, 0);
	virq_t va = fake_alloc(IRQ_CPU(0), 3, 1);
	assert_int_equal(irq_unmask(va), 0);
	assert_int_equal(irq_set_handler(va, masking_handler, NULL), 0);
	assert_int_equal(irq_handle(&fake_vec.l.domain, IRQ_CPU(0), HWIRQ(FAKE_VEC_FIRST)), 0);
	assert_true(fake_bus.masked[3]);
	assert_int_equal(fake_lock_errors(), 0);
}

/* Run irq_debug_show with stdout sent to a file; return its text. */
static char *capture_debug_show(void)
{
	static char text[8192];
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	fflush(stdout);
	int saved = dup(1);
	assert_true(dup2(fileno(tmp), 1) >= 0);
	irq_debug_show();
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(tmp);
	size_t n = fread(text, 1, sizeof(text) - 1, tmp);
	text[n] = '\0';
	fclose(tmp);
	return text;
}

static void test_debug_view(void **state)
{
	fake_stack_setup(true, 4, 8);
	virq_t va = fake_alloc(IRQ_CPU(1), 0, 1);
	virq_t vb = fake_alloc(IRQ_CPU(0), 4, 1);
	assert_int_equal(irq_activate(va), 0);
	assert_int_equal(irq_unmask(va), 0);
	assert_int_equal(irq_handle(&fake_vec.l.domain, IRQ_CPU(1), HWIRQ(FAKE_VEC_FIRST)), 0);
	assert_int_equal(irq_handle(&fake_vec.l.domain, IRQ_CPU(1), HWIRQ(FAKE_VEC_FIRST)), 0);
	assert_int_equal(irq_handle(&fake_vec.l.domain, IRQ_CPU(2), HWIRQ(0x99)), -ENOENT);
	irq_account_spurious(IRQ_CPU(0));

	char chain[128];
	irq_debug_format_chain(irq_chain(vb), chain, sizeof(chain));
	assert_string_equal(chain, "bus[hwirq 4] -> remap[hwirq 1] -> vector[cpu 0 vec 0x30]");
	/* Truncation keeps a terminated string. */
	irq_debug_format_chain(irq_chain(vb), chain, 10);
	assert_string_equal(chain, "bus[hwirq");

	char *text = capture_debug_show();
	/* TAP: every line is a comment. */
	for (char *line = text; *line; line = strchr(line, '\n') + 1) {
		assert_memory_equal(line, "# irq ", 6);
		assert_non_null(strchr(line, '\n'));
	}
	assert_non_null(strstr(text, "# irq domain vector kind=vector parent=- irqs=2\n"
				     "# irq domain   remap kind=remap parent=vector irqs=2\n"
				     "# irq domain     bus kind=bus parent=remap irqs=2\n"));
	assert_non_null(strstr(
		text,
		"# irq virq 1: bus[hwirq 0] -> remap[hwirq 0] -> vector[cpu 1 vec 0x30]\n"
		"# irq virq 1: active cpu=1 msg=00000000:fee00010/00000000 counts: cpu1=2\n"));
	assert_non_null(strstr(text, "# irq virq 2: inactive,masked cpu=0 counts: none\n"));
	assert_non_null(strstr(text, "# irq cpu 0: unexpected=0 spurious=1\n"));
	assert_non_null(strstr(text, "# irq cpu 2: unexpected=1 spurious=0\n"));
	assert_non_null(strstr(text, "# irq total: unexpected=1 spurious=1\n"));
	assert_non_null(strstr(text, "# irq pool: 250/256 chain entries free\n"));
	assert_int_equal(fake_lock_errors(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delivery_counts),
		cmocka_unit_test(test_delivery_without_handler),
		cmocka_unit_test(test_handler_reenters_core),
		cmocka_unit_test(test_debug_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
