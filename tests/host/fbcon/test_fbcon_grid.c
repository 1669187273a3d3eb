/* SPDX-License-Identifier: MIT */
/*
 * drivers/video/fbcon_grid: the live screen's text grid: rows filled from the
 * top, jumps by the older half, wrapping, tabs and other bytes, and the
 * bookkeeping that draws only the cells that changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/video/fbcon_grid.h"

static struct fbcon_grid g;

static void assert_cells(uint32_t r, const char *want)
{
	char got[FBCON_TEXT_MAX_COLS + 1], pad[FBCON_TEXT_MAX_COLS + 1];
	memcpy(got, g.cells[r], g.cols);
	got[g.cols] = 0;
	snprintf(pad, sizeof(pad), "%-*s", (int)g.cols, want);
	assert_string_equal(got, pad);
}

static void write_str(const char *s)
{
	fbcon_grid_write(&g, s, strlen(s));
}

struct visits {
	uint32_t n;
	char text[64]; /* "r,c=x " for each cell, in order */
};

static void record(void *ctx, uint32_t row, uint32_t col, char c)
{
	struct visits *v = ctx;
	size_t len = strlen(v->text);
	snprintf(v->text + len, sizeof(v->text) - len, "%u,%u=%c ", row, col, c);
	v->n++;
}

static void fills_from_the_top(void **state)
{
	fbcon_grid_init(&g, 10, 4);
	write_str("one\ntwo\n");
	assert_cells(0, "one");
	assert_cells(1, "two");
	assert_cells(2, "");
	assert_int_equal(g.row, 2);
	assert_int_equal(g.col, 0);
	assert_int_equal(g.jumps, 0);
	assert_int_equal(g.shift, 0);
}

static void jumps_by_the_older_half(void **state)
{
	assert_int_equal(fbcon_grid_jump_rows(4), 2);
	assert_int_equal(fbcon_grid_jump_rows(5), 3);
	assert_int_equal(fbcon_grid_jump_rows(1), 1);
	fbcon_grid_init(&g, 10, 4);
	write_str("a\nb\nc\nd");
	assert_int_equal(g.jumps, 0); /* the last row filled, no row needed below it yet */
	assert_cells(3, "d");
	write_str("\n");
	assert_int_equal(g.jumps, 1);
	assert_int_equal(g.shift, 2);
	assert_cells(0, "c");
	assert_cells(1, "d");
	assert_cells(2, "");
	assert_cells(3, "");
	assert_int_equal(g.row, 2);
	write_str("e\nf\ng\n"); /* f is in the last row, its newline jumps again */
	assert_int_equal(g.jumps, 2);
	assert_int_equal(g.shift, 4);
	assert_cells(0, "e");
	assert_cells(1, "f");
	assert_cells(2, "g");
	assert_int_equal(g.row, 3);
}

static void odd_rows_keep_the_smaller_half(void **state)
{
	fbcon_grid_init(&g, 10, 5);
	write_str("1\n2\n3\n4\n5\n");
	assert_cells(0, "4");
	assert_cells(1, "5");
	assert_cells(2, "");
	assert_int_equal(g.row, 2);
	assert_int_equal(g.shift, 3);
}

static void wraps_only_when_more_follows(void **state)
{
	fbcon_grid_init(&g, 4, 6);
	write_str("abcd\n");
	assert_cells(0, "abcd");
	assert_int_equal(g.row, 1);
	write_str("abcdefghij\n");
	assert_cells(1, "abcd");
	assert_cells(2, "efgh");
	assert_cells(3, "ij");
	assert_int_equal(g.row, 4);
	write_str("0123456789"); /* wraps into row 5, then past it: a jump of 3 */
	assert_int_equal(g.jumps, 1);
	assert_cells(0, "ij");
	assert_cells(1, "0123");
	assert_cells(2, "4567");
	assert_cells(3, "89");
	assert_int_equal(g.row, 3);
	assert_int_equal(g.col, 2);
}

static void tabs_cr_and_other_bytes(void **state)
{
	fbcon_grid_init(&g, 12, 4);
	write_str("a\tb\r\n\x01\xff~\x7f\n");
	assert_cells(0, "a       b");
	assert_cells(1, "??~?");
	write_str("0123456789\tx"); /* a tab at column 10 fills the row and stops there */
	assert_cells(2, "0123456789");
	assert_cells(3, "x");
	assert_int_equal(g.jumps, 0);
}

static void clamps(void **state)
{
	fbcon_grid_init(&g, 0, 100000);
	assert_int_equal(g.cols, 1);
	assert_int_equal(g.rows, FBCON_TEXT_MAX_ROWS);
	fbcon_grid_init(&g, 100000, 1);
	assert_int_equal(g.cols, FBCON_TEXT_MAX_COLS);
	write_str("ab\ncd\n"); /* one row: every newline empties it */
	assert_int_equal(g.jumps, 2);
	assert_int_equal(g.shift, 1); /* capped: nothing of the old pixels stays */
	assert_cells(0, "");
}

static void draws_only_what_changed(void **state)
{
	struct visits v = {0};
	fbcon_grid_init(&g, 4, 4);
	write_str("ab\n");
	assert_int_equal(fbcon_grid_drop_shift(&g), 0);
	assert_int_equal(fbcon_grid_sync(&g, record, &v), 2);
	assert_string_equal(v.text, "0,0=a 0,1=b ");
	memset(&v, 0, sizeof(v));
	assert_int_equal(fbcon_grid_sync(&g, record, &v), 0);
	write_str("c\nd\ne"); /* rows ab c d e: no jump yet */
	assert_int_equal(fbcon_grid_sync(&g, record, &v), 3);
	assert_string_equal(v.text, "1,0=c 2,0=d 3,0=e ");
	memset(&v, 0, sizeof(v));
	write_str(
		"\nf"); /* jump: d e f move up; no pixel moves, the cells that changed are drawn */
	assert_int_equal(fbcon_grid_drop_shift(&g), 2);
	assert_memory_equal(g.shown[0], "ab  ", 4);
	assert_int_equal(fbcon_grid_sync(&g, record, &v), 5);
	assert_string_equal(v.text, "0,0=d 0,1=  1,0=e 2,0=f 3,0=  ");
	assert_memory_equal(g.shown[0], "d   ", 4);
	assert_int_equal(fbcon_grid_drop_shift(&g), 0);
	/* Rows whose text the pixels already show are not drawn again. */
	memset(&v, 0, sizeof(v));
	write_str("\ng\nh\n"); /* rows d e f g | h: jump 2 -> f g h */
	assert_int_equal(fbcon_grid_drop_shift(&g), 2);
	assert_int_equal(fbcon_grid_sync(&g, record, &v), 3);
	assert_string_equal(v.text, "0,0=f 1,0=g 2,0=h ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fills_from_the_top),
		cmocka_unit_test(jumps_by_the_older_half),
		cmocka_unit_test(odd_rows_keep_the_smaller_half),
		cmocka_unit_test(wraps_only_when_more_follows),
		cmocka_unit_test(tabs_cr_and_other_bytes),
		cmocka_unit_test(clamps),
		cmocka_unit_test(draws_only_what_changed),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
