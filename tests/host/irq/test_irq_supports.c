/* SPDX-License-Identifier: MIT */
/* irq_domain_supports: every level's gate and feature mask asked, the first refusal wins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "tests/host/irq/support_fake.h"

static int level_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		       const struct irq_alloc_info *info)
{
	(void)d, (void)virq, (void)nr, (void)info;
	return -ENOSPC;
}

static const struct irq_domain_ops level_ops = {.alloc = level_alloc};

static struct irq_domain levels[3]; /* 0 bottom, 2 top */

/* Each level's gate: what it answers, and how often it was asked (per level). */
static int answer[3];
static const char *answer_reason[3];
static unsigned asked[3];

static int level_gate(unsigned k, uint32_t feature, const char **reason)
{
	assert_true(fake_lock_held());
	asked[k]++;
	if (feature != IRQ_FEATURE_IMS)
		return 0;
	if (answer[k] < 0)
		*reason = answer_reason[k];
	return answer[k];
}

static int gate0(uint32_t feature, const char **reason)
{
	return level_gate(0, feature, reason);
}

static int gate1(uint32_t feature, const char **reason)
{
	return level_gate(1, feature, reason);
}

static int gate2(uint32_t feature, const char **reason)
{
	return level_gate(2, feature, reason);
}

static void build(uint32_t bottom_features, bool gates)
{
	fake_cpu_install(0xf);
	irq_core_reset();
	memset(asked, 0, sizeof(asked));
	static const char *names[3] = {"vector", "remap", "bus"};
	static const irq_domain_gate_fn fns[3] = {gate0, gate1, gate2};
	for (int k = 0; k < 3; k++) {
		answer[k] = 0;
		answer_reason[k] = NULL;
		struct irq_domain_info info = {.name = names[k],
					       .ops = &level_ops,
					       .features = k ? 0 : bottom_features,
					       .parent = k ? &levels[k - 1] : NULL};
		assert_int_equal(irq_domain_create(&levels[k], &info), 0);
		if (gates)
			assert_int_equal(irq_domain_set_gate(&levels[k], fns[k]), 0);
	}
}

static void test_supports_vouched(void **state)
{
	build(IRQ_FEATURE_IMS, true); /* the vector level can serve any message writer */
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
	build(0, false);
	const char *why = NULL;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	assert_string_equal(why, "no level of the interrupt stack supports it");
	/* A mask with other features only vouches for nothing here. */
	build(~IRQ_FEATURE_IMS, false);
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	assert_string_equal(why, "no level of the interrupt stack supports it");
}

static void test_supports_level_refuses(void **state)
{
	build(IRQ_FEATURE_IMS, true);
	answer[1] = -EOPNOTSUPP;
	answer_reason[1] = "remap unit cannot verify the source";
	const char *why = NULL;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	assert_string_equal(why, "remap unit cannot verify the source");
	assert_int_equal(asked[0], 0); /* the walk stops at the refusal */
	/* Any negative answer is reported as a refusal. */
	answer[1] = -EIO;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	/* A refusal without words still says it refused. */
	answer_reason[1] = NULL;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	assert_string_equal(why, "refused without a reason");
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

static void test_supports_gate(void **state)
{
	build(IRQ_FEATURE_IMS, false);
	gate_asked = 0;
	gate_answer = -EOPNOTSUPP;
	assert_int_equal(irq_domain_set_gate(&levels[0], gate), 0);
	const char *why = NULL;
	/* The level vouches for IMS, but its policy gate speaks first. */
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), -EOPNOTSUPP);
	assert_ptr_equal(why, gate_reason);
	assert_int_equal(gate_asked, 1);
	/* The policy allows (forced, or opted in): the levels decide. */
	gate_answer = 0;
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), 0);
	/* Removed: no policy. */
	gate_answer = -EOPNOTSUPP;
	assert_int_equal(irq_domain_set_gate(&levels[0], NULL), 0);
	assert_int_equal(irq_domain_supports(&levels[2], IRQ_FEATURE_IMS, &why), 0);
}

static void test_supports_bad_domain(void **state)
{
	build(IRQ_FEATURE_IMS, false);
	struct irq_domain stray;
	memset(&stray, 0, sizeof(stray));
	const char *why = NULL;
	assert_int_equal(irq_domain_supports(&stray, IRQ_FEATURE_IMS, &why), -EINVAL);
	assert_string_equal(why, "no such domain");
	assert_int_equal(irq_domain_set_gate(&stray, gate), -EINVAL);
	assert_int_equal(fake_lock_errors(), 0);
}

static void test_kind_names(void **state)
{
	assert_string_equal(irq_domain_kind_name(IRQ_DOMAIN_KIND_NONE), "-");
	assert_string_equal(irq_domain_kind_name(IRQ_DOMAIN_KIND_VECTOR), "vector");
	assert_string_equal(irq_domain_kind_name(IRQ_DOMAIN_KIND_LPI), "lpi");
	assert_string_equal(irq_domain_kind_name(IRQ_DOMAIN_KIND_WIRED), "wired");
	assert_string_equal(irq_domain_kind_name(IRQ_DOMAIN_KIND_REMAP), "remap");
	assert_string_equal(irq_domain_kind_name(IRQ_DOMAIN_KIND_BUS), "bus");
	assert_string_equal(irq_domain_kind_name((enum irq_domain_kind)99), "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_supports_vouched),
		cmocka_unit_test(test_supports_nobody_vouches),
		cmocka_unit_test(test_supports_level_refuses),
		cmocka_unit_test(test_supports_gate),
		cmocka_unit_test(test_supports_bad_domain),
		cmocka_unit_test(test_kind_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
