/* SPDX-License-Identifier: MIT */
/* irq_domain_supports: every level and its policy gate asked, the first refusal wins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "tests/host/irq/support_fake.h"

/* What each fake level's supports op answers, and how often it was asked. */
static int answer[3];
static const char *answer_reason[3];
static unsigned asked[3];

static int level_supports(struct irq_domain *d, uint32_t feature, const char **reason)
{
	assert_true(fake_lock_held());
	int k = (int)(uintptr_t)d->priv;
	asked[k]++;
	if (feature != IRQ_FEATURE_IMS)
		return 0;
	if (answer[k] < 0)
		*reason = answer_reason[k];
	return answer[k];
}

static int level_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		       const struct irq_alloc_info *info)
{
	(void)d, (void)virq, (void)nr, (void)info;
	return -ENOSPC;
}

static const struct irq_domain_ops supports_ops = {
	.alloc = level_alloc,
	.supports = level_supports,
};
static const struct irq_domain_ops silent_ops = {.alloc = level_alloc};

static struct irq_domain levels[3]; /* 0 bottom, 2 top */

static void build(const struct irq_domain_ops *ops)
{
	fake_cpu_install(0xf);
	irq_core_reset();
	memset(asked, 0, sizeof(asked));
	static const char *names[3] = {"vector", "remap", "bus"};
	for (int k = 0; k < 3; k++) {
		answer[k] = 0;
		answer_reason[k] = NULL;
		struct irq_domain_info info = {.name = names[k],
					       .ops = ops,
					       .parent = k ? &levels[k - 1] : NULL,
					       .priv = (void *)(uintptr_t)k};
		assert_int_equal(irq_domain_create(&levels[k], &info), 0);
	}
}

static const char *gate_reason = "policy: a VM without the opt-in";
static int gate_answer;
static unsigned gate_asked;

static int gate(uint32_t feature, const char **reason)
{
	gate_asked++;
	assert_int_equal(feature, IRQ_FEATURE_IMS);
	if (gate_answer)
		*reason = gate_reason;
	return gate_answer;
}

static void test_supports_vouched(void **state)
{
	build(&supports_ops);
	answer[0] = 1; /* the vector level can serve any message writer */
	const char *why = "untouched";
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), 0);
	assert_null(why);
	assert_int_equal(asked[2] + asked[1] + asked[0], 3);
	/* Asking from the middle does not ask the level above. */
	assert_int_equal(irq_domain_supports(&levels[1], IRQ_FEATURE_IMS, &why), 0);
	assert_int_equal(asked[2], 1);
	assert_int_equal(fake_lock_errors(), 0);
}

static void test_supports_nobody_vouches(void **state)
{
	build(&silent_ops);
	const char *why = NULL;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	assert_string_equal(why, "no level of the interrupt stack supports it");
}

static void test_supports_level_refuses(void **state)
{
	build(&supports_ops);
	answer[0] = 1;
	answer[1] = -EOPNOTSUPP;
	answer_reason[1] = "remap unit cannot verify the source";
	const char *why = NULL;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	assert_string_equal(why, "remap unit cannot verify the source");
	assert_int_equal(asked[0], 0); /* the walk stops at the refusal */
	/* Any negative answer is reported as a refusal. */
	answer[1] = -EIO;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
}

static void test_supports_gate(void **state)
{
	build(&supports_ops);
	answer[0] = 1;
	gate_asked = 0;
	gate_answer = -EOPNOTSUPP;
	assert_int_equal(irq_domain_set_gate(&levels[1], gate), 0);
	const char *why = NULL;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	assert_ptr_equal(why, gate_reason);
	assert_int_equal(gate_asked, 1);
	assert_int_equal(asked[1], 0); /* the gate speaks before the level */
	/* The policy allows (forced, or opted in): the levels decide. */
	gate_answer = 0;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), 0);
	/* Removed: no policy. */
	gate_answer = -EOPNOTSUPP;
	assert_int_equal(irq_domain_set_gate(&levels[1], NULL), 0);
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), 0);
}

static void test_supports_bad_domain(void **state)
{
	build(&supports_ops);
	struct irq_domain stray;
	memset(&stray, 0, sizeof(stray));
	const char *why = NULL;
	assert_int_equal(irq_domain_supports(&stray, IRQ_FEATURE_IMS, &why), -EINVAL);
	assert_string_equal(why, "no such domain");
	assert_int_equal(irq_domain_set_gate(&stray, gate), -EINVAL);
	assert_int_equal(fake_lock_errors(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_supports_vouched),
		cmocka_unit_test(test_supports_nobody_vouches),
		cmocka_unit_test(test_supports_level_refuses),
		cmocka_unit_test(test_supports_gate),
		cmocka_unit_test(test_supports_bad_domain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
