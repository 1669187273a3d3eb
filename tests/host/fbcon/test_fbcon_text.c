/* SPDX-License-Identifier: MIT */
/*
 * drivers/video/fbcon_text: the text ring behind the framebuffer console:
 * wrapping, scrolling as an index, tabs, non-printable bytes, the cursor row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/video/fbcon_text.h"

static struct fbcon_text t;

static void assert_row(uint32_t i, const char *want)
{
	char got[FBCON_TEXT_MAX_COLS + 1];
	memcpy(got, fbcon_text_row(&t, i), t.cols);
	got[t.cols] = 0;
	char pad[FBCON_TEXT_MAX_COLS + 1];
	snprintf(pad, sizeof(pad), "%-*s", (int)t.cols, want);
	assert_string_equal(got, pad);
}

static void write_str(const char *s)
{
	fbcon_text_write(&t, s, strlen(s));
}

static void lines_and_cursor(void **state)
{
	fbcon_text_init(&t, 10, 4);
	assert_int_equal(fbcon_text_filled(&t), 3);
	write_str("one\ntwo\n");
	assert_row(1, "one");
	assert_row(2, "two");
	assert_row(3, "");
	assert_int_equal(fbcon_text_filled(&t), 3);
	write_str("x");
	assert_int_equal(fbcon_text_filled(&t), 4);
	assert_row(3, "x");
}

static void scrolls(void **state)
{
	fbcon_text_init(&t, 10, 3);
	write_str("a\nb\nc\nd\n");
	assert_row(0, "c");
	assert_row(1, "d");
	assert_row(2, "");
}

static void wraps_only_when_more_follows(void **state)
{
	fbcon_text_init(&t, 4, 4);
	write_str("abcd\n");
	assert_row(2, "abcd");
	assert_row(3, "");
	write_str("abcdefghij\n");
	assert_row(0, "abcd");
	assert_row(1, "efgh");
	assert_row(2, "ij");
}

static void tabs_cr_and_bytes(void **state)
{
	fbcon_text_init(&t, 20, 3);
	write_str("a\tb\r\n\x01\xff~\n");
	assert_row(0, "a       b");
	assert_row(1, "??~");
}

static void clamps(void **state)
{
	fbcon_text_init(&t, 0, 100000);
	assert_int_equal(t.cols, 1);
	assert_int_equal(t.rows, FBCON_TEXT_MAX_ROWS);
	fbcon_text_init(&t, 100000, 0);
	assert_int_equal(t.cols, FBCON_TEXT_MAX_COLS);
	assert_int_equal(t.rows, 1);
	write_str("ab\n"); /* one row: the cursor row is all there is */
	assert_int_equal(fbcon_text_filled(&t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_and_cursor),
		cmocka_unit_test(scrolls),
		cmocka_unit_test(wraps_only_when_more_follows),
		cmocka_unit_test(tabs_cr_and_bytes),
		cmocka_unit_test(clamps),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
