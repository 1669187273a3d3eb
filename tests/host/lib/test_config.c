/* SPDX-License-Identifier: MIT */
/* config: key=value parsing, comments, limits, lookups and iteration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/config.h"

static int parse(const char *text)
{
	return config_parse(text, (uint32_t)strlen(text));
}

static int reset(void **state)
{
	config_reset();
	return 0;
}

static void test_basic_pairs(void **state)
{
	assert_int_equal(parse("alpha=1\nbeta=two\n"), 0);
	assert_int_equal(config_count(), 2);
	assert_string_equal(config_get("alpha"), "1");
	assert_string_equal(config_get("beta"), "two");
}

static void test_missing_key_and_exact_match(void **state)
{
	assert_int_equal(parse("abc=1\n"), 0);
	assert_null(config_get("ab"));
	assert_null(config_get("abcd"));
	assert_null(config_get("ABC"));
	assert_null(config_get(""));
	assert_string_equal(config_get("abc"), "1");
}

static void test_whitespace_trimmed(void **state)
{
	assert_int_equal(parse("  key \t =   value with  spaces \t \nk2=v2\r\n\tk3\t=\tv3\r"), 0);
	assert_int_equal(config_count(), 3);
	/* Inner whitespace of a value is kept, the ends are trimmed. */
	assert_string_equal(config_get("key"), "value with  spaces");
	assert_string_equal(config_get("k2"), "v2"); /* CR of CRLF dropped */
	assert_string_equal(config_get("k3"), "v3");
}

static void test_comments(void **state)
{
	assert_int_equal(parse("# a comment line\n"
			       "   # indented comment\n"
			       "k=v # trailing comment\n"
			       "#disabled=1\n"
			       "empty=# only a comment after '='\n"),
			 0);
	assert_int_equal(config_count(), 2);
	assert_string_equal(config_get("k"), "v");
	assert_string_equal(config_get("empty"), "");
	assert_null(config_get("disabled"));
	assert_null(config_get("#disabled"));
}

static void test_hash_before_equals_is_malformed(void **state)
{
	/* The '=' is inside the comment: the line is a bare word. */
	assert_int_equal(parse("key#=value\n"), 1);
	assert_int_equal(config_count(), 0);
}

static void test_empty_and_blank_lines(void **state)
{
	assert_int_equal(parse("\n\n   \n\t\r\n\nk=v\n\n"), 0);
	assert_int_equal(config_count(), 1);
	assert_string_equal(config_get("k"), "v");
}

static void test_empty_text(void **state)
{
	assert_int_equal(config_parse("", 0), 0);
	assert_int_equal(config_parse("k=v", 0), 0);
	assert_int_equal(config_count(), 0);
}

static void test_malformed_lines_counted(void **state)
{
	assert_int_equal(parse("novalue\n"
			       "=nokey\n"
			       "   =  spaced\n"
			       "good=1\n"
			       "  just some words  \n"
			       "=\n"),
			 5);
	assert_int_equal(config_count(), 1);
	assert_string_equal(config_get("good"), "1");
}

static void test_empty_value_accepted(void **state)
{
	assert_int_equal(parse("k=\nk2 =   \n"), 0);
	assert_string_equal(config_get("k"), "");
	assert_string_equal(config_get("k2"), "");
}

static void test_value_keeps_later_equals(void **state)
{
	assert_int_equal(parse("tests=a=b, c==d\n"), 0);
	assert_string_equal(config_get("tests"), "a=b, c==d");
}

static void test_last_line_without_newline(void **state)
{
	assert_int_equal(parse("a=1\nb=2"), 0);
	assert_string_equal(config_get("b"), "2");
}

static void test_len_bounds_the_text(void **state)
{
	/* Not NUL-terminated, and bytes past len are never read. */
	static const char text[8] = {'a', '=', '1', '\n', 'b', '=', '2', '\n'};
	assert_int_equal(config_parse(text, 3), 0);
	assert_int_equal(config_count(), 1);
	assert_string_equal(config_get("a"), "1");
	assert_null(config_get("b"));
	assert_int_equal(config_parse(text, 6), 0);
	assert_string_equal(config_get("b"), "");
}

static void test_duplicate_last_wins(void **state)
{
	assert_int_equal(parse("k=1\nother=x\nk=2\n"), 0);
	assert_int_equal(config_count(), 2);
	assert_string_equal(config_get("k"), "2");
	/* Across calls too. */
	assert_int_equal(parse("k = 3\n"), 0);
	assert_int_equal(config_count(), 2);
	assert_string_equal(config_get("k"), "3");
}

static void fill(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = 0;
}

static void test_key_length_limit(void **state)
{
	char key[CONFIG_KEY_MAX + 1], line[CONFIG_KEY_MAX + 16];

	fill(key, 'k', CONFIG_KEY_MAX - 1);
	snprintf(line, sizeof(line), "%s=ok\n", key);
	assert_int_equal(parse(line), 0);
	assert_string_equal(config_get(key), "ok");

	fill(key, 'l', CONFIG_KEY_MAX);
	snprintf(line, sizeof(line), "%s=too long\n", key);
	assert_int_equal(parse(line), 1);
	assert_null(config_get(key));
	assert_int_equal(config_count(), 1);
}

static void test_value_length_limit(void **state)
{
	char value[CONFIG_VALUE_MAX + 1], line[CONFIG_VALUE_MAX + 16];

	fill(value, 'v', CONFIG_VALUE_MAX - 1);
	snprintf(line, sizeof(line), "k=%s\n", value);
	assert_int_equal(parse(line), 0);
	assert_string_equal(config_get("k"), value);

	/* Too long: rejected, counted, and the previous value stays. */
	char longer[CONFIG_VALUE_MAX + 1];
	fill(longer, 'w', CONFIG_VALUE_MAX);
	snprintf(line, sizeof(line), "k=%s\n", longer);
	assert_int_equal(parse(line), 1);
	assert_string_equal(config_get("k"), value);

	snprintf(line, sizeof(line), "new=%s\n", longer);
	assert_int_equal(parse(line), 1);
	assert_null(config_get("new"));
	assert_int_equal(config_count(), 1);
}

static void test_trimmed_lengths_count(void **state)
{
	/* Surrounding blanks do not count against the limits. */
	char key[CONFIG_KEY_MAX], line[256];
	fill(key, 'k', CONFIG_KEY_MAX - 1);
	snprintf(line, sizeof(line), "      %s      =      v      \n", key);
	assert_int_equal(parse(line), 0);
	assert_string_equal(config_get(key), "v");
}

static void test_max_keys(void **state)
{
	char line[64];
	for (unsigned i = 0; i < CONFIG_MAX_KEYS; i++) {
		snprintf(line, sizeof(line), "key%u=%u\n", i, i);
		assert_int_equal(parse(line), 0);
	}
	assert_int_equal(config_count(), CONFIG_MAX_KEYS);
	assert_int_equal(parse("one_too_many=1\nanother=2\n"), 2);
	assert_int_equal(config_count(), CONFIG_MAX_KEYS);
	assert_null(config_get("one_too_many"));
	/* A full table still takes updates of existing keys. */
	assert_int_equal(parse("key7=seven\n"), 0);
	assert_string_equal(config_get("key7"), "seven");
	assert_string_equal(config_get("key47"), "47");
	assert_int_equal(config_count(), CONFIG_MAX_KEYS);
}

static void test_get_or(void **state)
{
	assert_int_equal(parse("set=x\nblank=\n"), 0);
	assert_string_equal(config_get_or("set", "def"), "x");
	assert_string_equal(config_get_or("absent", "def"), "def");
	assert_null(config_get_or("absent", NULL));
	/* Present but empty is not absent. */
	assert_string_equal(config_get_or("blank", "def"), "");
}

static void test_get_bool_forms(void **state)
{
	assert_int_equal(parse("t1=on\nt2=1\nt3=yes\nt4=true\n"
			       "f1=off\nf2=0\nf3=no\nf4=false\n"
			       "u1=ON\nu2=True\nu3=maybe\nu4=\nu5=2\nu6=yes please\n"),
			 0);
	const char *truthy[] = {"t1", "t2", "t3", "t4"};
	const char *falsy[] = {"f1", "f2", "f3", "f4"};
	/* Case-sensitive: anything else gives the default. */
	const char *other[] = {"u1", "u2", "u3", "u4", "u5", "u6", "absent"};
	for (size_t i = 0; i < 4; i++) {
		assert_true(config_get_bool(truthy[i], false));
		assert_true(config_get_bool(truthy[i], true));
		assert_false(config_get_bool(falsy[i], false));
		assert_false(config_get_bool(falsy[i], true));
	}
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		assert_true(config_get_bool(other[i], true));
		assert_false(config_get_bool(other[i], false));
	}
}

static void test_entry_iteration(void **state)
{
	const char *k = NULL, *v = NULL;
	assert_false(config_entry(0, &k, &v));
	assert_int_equal(parse("first=1\nsecond=2\nthird=3\nfirst=one\n"), 0);
	assert_int_equal(config_count(), 3);
	/* Insertion order; an update keeps its place. */
	const char *keys[] = {"first", "second", "third"};
	const char *values[] = {"one", "2", "3"};
	for (unsigned i = 0; i < 3; i++) {
		assert_true(config_entry(i, &k, &v));
		assert_string_equal(k, keys[i]);
		assert_string_equal(v, values[i]);
	}
	k = v = "untouched";
	assert_false(config_entry(3, &k, &v));
	assert_false(config_entry(~0u, &k, &v));
	assert_string_equal(k, "untouched");
	assert_string_equal(v, "untouched");
}

static void test_reset(void **state)
{
	assert_int_equal(parse("a=1\nb=2\n"), 0);
	config_reset();
	assert_int_equal(config_count(), 0);
	assert_null(config_get("a"));
	assert_int_equal(parse("b=3\n"), 0);
	assert_int_equal(config_count(), 1);
	assert_string_equal(config_get("b"), "3");
}

#define T(fn) cmocka_unit_test_setup(fn, reset)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_basic_pairs),
		T(test_missing_key_and_exact_match),
		T(test_whitespace_trimmed),
		T(test_comments),
		T(test_hash_before_equals_is_malformed),
		T(test_empty_and_blank_lines),
		T(test_empty_text),
		T(test_malformed_lines_counted),
		T(test_empty_value_accepted),
		T(test_value_keeps_later_equals),
		T(test_last_line_without_newline),
		T(test_len_bounds_the_text),
		T(test_duplicate_last_wins),
		T(test_key_length_limit),
		T(test_value_length_limit),
		T(test_trimmed_lengths_count),
		T(test_max_keys),
		T(test_get_or),
		T(test_get_bool_forms),
		T(test_entry_iteration),
		T(test_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
