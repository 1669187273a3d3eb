/* SPDX-License-Identifier: MIT */
/*
 * drivers/video/fbcon_surface and fbcon_final: glyphs drawn into a buffer in
 * memory at every scale, clipping, 16-bit pixels, surfaces that cannot be
 * drawn on, and the last screen read back cell by cell with the font; the
 * live screen (fbcon_live): the byte spans one write leaves dirty for the
 * cache clean, and a jump redrawn in place to the pixels of a fresh start.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/video/fbcon_final.h"
#include "drivers/video/fbcon_font.h"
#include "drivers/video/fbcon_live.h"
#include "drivers/video/fbcon_surface.h"

#define GUARD 0xa5a5a5a5u

static uint32_t buf[320 * 240 + 64];

static struct fbcon_surface surface(uint32_t w, uint32_t h, uint32_t stride, uint32_t format)
{
	struct boot_fb fb = {.base = (uint64_t)(uintptr_t)buf,
			     .size = (uint64_t)stride * h * 4,
			     .width = w,
			     .height = h,
			     .stride = stride,
			     .format = format};
	struct fbcon_surface s;
	for (size_t i = 0; i < sizeof(buf) / 4; i++)
		buf[i] = GUARD;
	assert_int_equal(fbcon_surface_init(&s, &fb), 0);
	return s;
}

static uint32_t px(const struct fbcon_surface *s, uint32_t x, uint32_t y)
{
	return *(const uint32_t *)(uintptr_t)(s->base + (uint64_t)y * s->pitch + x * 4);
}

/* The character whose glyph the cell at (x, y) shows exactly (ink: != bg); 0 for none. */
static char cell_char(const struct fbcon_surface *s, uint32_t x, uint32_t y, uint32_t sx,
		      uint32_t sy, uint32_t bg)
{
	for (unsigned g = 0; g < FBCON_FONT_GLYPHS; g++) {
		bool same = true;
		for (uint32_t j = 0; j < FBCON_FONT_H * sy && same; j++)
			for (uint32_t i = 0; i < FBCON_FONT_W * sx && same; i++) {
				bool ink = fbcon_font[g][j / sy] & (0x80u >> (i / sx));
				same = ink == (px(s, x + i, y + j) != bg);
			}
		if (same)
			return (char)(FBCON_FONT_FIRST + g);
	}
	return 0;
}

static void glyph_at_scales(void **state)
{
	struct fbcon_surface s = surface(64, 64, 64, BOOT_FB_BGRX8);
	fbcon_glyph_draw(&s, 8, 16, 'A', 1, 2, 0xffffff, 0);
	assert_int_equal(cell_char(&s, 8, 16, 1, 2, 0), 'A');
	assert_int_equal(px(&s, 7, 16), GUARD); /* nothing outside the cell */
	assert_int_equal(px(&s, 16, 16), GUARD);
	assert_int_equal(px(&s, 8, 32), GUARD);
	fbcon_glyph_draw(&s, 16, 0, 'g', 4, 8, 0x00ff00, 0);
	assert_int_equal(cell_char(&s, 16, 0, 4, 8, 0), 'g');
	/* unknown bytes draw as '?' */
	fbcon_glyph_draw(&s, 0, 0, '\x07', 1, 2, 0xffffff, 0);
	assert_int_equal(cell_char(&s, 0, 0, 1, 2, 0), '?');
}

static void clipped(void **state)
{
	struct fbcon_surface s = surface(20, 10, 32, BOOT_FB_RGBX8);
	fbcon_fill(&s, 15, 5, 100, 100, 7);
	assert_int_equal(px(&s, 19, 9), 7);
	assert_int_equal(px(&s, 20, 9), GUARD); /* the stride's padding */
	assert_int_equal(buf[32 * 10], GUARD);  /* the line after the last */
	fbcon_fill(&s, 20, 0, 1, 1, 7);
	assert_int_equal(px(&s, 20, 0), GUARD);
	size_t n = fbcon_string_draw(&s, 0, 0, "abc", 3, 1, 1, 1, 0);
	assert_int_equal(n, 2); /* a third 8-pixel cell does not fit in 20 */
}

static void sixteen_bit(void **state)
{
	struct boot_fb fb = {.base = (uint64_t)(uintptr_t)buf,
			     .size = 16 * 16 * 2,
			     .width = 16,
			     .height = 16,
			     .stride = 16,
			     .format = BOOT_FB_BITMASK,
			     .red_mask = 0xf800,
			     .green_mask = 0x07e0,
			     .blue_mask = 0x001f};
	struct fbcon_surface s;
	memset(buf, 0, sizeof(buf));
	assert_int_equal(fbcon_surface_init(&s, &fb), 0);
	assert_int_equal(s.pitch, 32);
	fbcon_glyph_draw(&s, 0, 0, '|', 1, 2, 0xffff, 0);
	const uint16_t *p = (const uint16_t *)buf;
	assert_int_equal(p[3], 0xffff); /* '|' is columns 3 and 4 */
	assert_int_equal(p[4], 0xffff);
	assert_int_equal(p[2], 0);
	assert_int_equal(p[16 * 15 + 3], 0); /* the bottom row of '|' is blank */
	assert_int_equal(buf[8 * 16], 0);    /* nothing past 16 x 16 x 2 bytes */
}

static void refused(void **state)
{
	struct fbcon_surface s;
	struct boot_fb fb = {.base = 0x1000,
			     .size = 100 * 100 * 4,
			     .width = 100,
			     .height = 100,
			     .stride = 100,
			     .format = BOOT_FB_BGRX8};
	assert_int_equal(fbcon_surface_init(&s, &fb), 0);
	fb.size--;
	assert_int_not_equal(fbcon_surface_init(&s, &fb), 0);
	fb.size++;
	fb.stride = 99;
	assert_int_not_equal(fbcon_surface_init(&s, &fb), 0);
	fb.stride = 100;
	fb.base = 0;
	assert_int_not_equal(fbcon_surface_init(&s, &fb), 0);
	fb.base = 0x1000;
	fb.format = BOOT_FB_BLT_ONLY;
	assert_int_not_equal(fbcon_surface_init(&s, &fb), 0);
}

static void read_line(const struct fbcon_surface *s, uint32_t y, uint32_t sx, char *out,
		      size_t cols)
{
	size_t i;
	for (i = 0; i < cols; i++) {
		char c = cell_char(s, i * FBCON_FONT_W * sx, y, sx, 2 * sx, 0);
		out[i] = c ? c : '#';
	}
	while (i > 0 && out[i - 1] == ' ')
		i--;
	out[i] = 0;
}

static void last_screen(void **state)
{
	struct fbcon_surface s = surface(320, 240, 320, BOOT_FB_BGRX8);
	static struct fbcon_text t;
	char line[64];
	fbcon_text_init(&t, 40, 15);
	for (int i = 0; i < 20; i++) {
		snprintf(line, sizeof(line), "line %d\n", i);
		fbcon_text_write(&t, line, strlen(line));
	}
	fbcon_text_write(&t, "a line longer than the forty columns of this screen\n", 52);
	struct fbcon_counts c = {.known = true, .passed = 12, .failed = 1, .skipped = 3, .todo = 2};
	fbcon_final_draw(&s, &t, "fail", &c);

	char got[64];
	read_line(&s, FBCON_FINAL_VERDICT_Y, 3, got, 13); /* 13 x 32 > 320: drawn at 3 x 6 */
	assert_string_equal(got, "verdict: fail");
	assert_int_equal(px(&s, 0, 0), 0); /* background */
	read_line(&s, FBCON_FINAL_COUNTS_Y, 1, got, 40);
	assert_string_equal(got, "passed 12  failed 1  skipped 3  todo 2");
	assert_int_equal(fbcon_final_text_rows(240), 8);
	static const char *const want[] = {"line 14",
					   "line 15",
					   "line 16",
					   "line 17",
					   "line 18",
					   "line 19",
					   "a line longer than the forty columns of",
					   "this screen"};
	for (unsigned r = 0; r < 8; r++) {
		read_line(&s, FBCON_FINAL_TEXT_Y + r * FBCON_CELL_H, 1, got, 40);
		assert_string_equal(got, want[r]);
	}
}

static struct fbcon_live live, fresh;
static uint32_t fresh_buf[sizeof(buf) / 4];

static void live_write(struct fbcon_live *l, const char *str)
{
	fbcon_grid_write(&l->grid, str, strlen(str));
	fbcon_live_flush(l);
}

static void assert_dirty(const struct fbcon_live *l, uint32_t row, uint64_t off, uint64_t len)
{
	uint64_t o = 0, n = 0;
	assert_true(fbcon_live_dirty_row(l, row, &o, &n));
	assert_int_equal(o, off);
	assert_int_equal(n, len);
}

static void live_dirty_spans(void **state)
{
	(void)state;
	/* 80 x 64 with a stride of 96 pixels: 10 x 4 cells, a pitch of 384 bytes. */
	struct fbcon_surface s = surface(80, 64, 96, BOOT_FB_BGRX8);
	uint64_t off, len;
	fbcon_live_init(&live, &s);
	fbcon_live_start(&live);
	assert_true(live.whole); /* the start clears the margins too: the whole surface */
	assert_false(fbcon_live_dirty_row(&live, 0, &off, &len));
	fbcon_live_clean_done(&live);

	/* One write: row 0 columns [0, 2), row 1 column 3; each span per scan line of its row. */
	live_write(&live, "ab\n   x");
	assert_dirty(&live, 0, 0, 2 * 8 * 4);
	assert_dirty(&live, 1, 16 * 384 + 3 * 8 * 4, 8 * 4);
	assert_false(fbcon_live_dirty_row(&live, 2, &off, &len));
	assert_false(fbcon_live_dirty_row(&live, 3, &off, &len));
	/* Spans of later writes widen until the clean. */
	live_write(&live, "y\n");
	assert_dirty(&live, 1, 16 * 384 + 3 * 8 * 4, 2 * 8 * 4);
	fbcon_live_clean_done(&live);
	assert_false(fbcon_live_dirty_row(&live, 1, &off, &len));

	/* Rows 2 and 3, then a line past the last row: the grid jumps by 2 rows, no pixel moves,
	 * and only the cells that differ are redrawn (and dirty). */
	live_write(&live, "cdefg\nh\nzz");
	assert_int_equal(live.grid.jumps, 1);
	assert_int_equal(live.grid.shift, 0);
	/* Row 0 "cdefg" over "ab": columns [0, 5); row 1 "h" over "   xy": [0, 5); row 2 "zz" over
	 * blank (rows 2 and 3 moved up before they were ever drawn): [0, 2); row 3 unchanged. */
	assert_dirty(&live, 0, 0, 5 * 8 * 4);
	assert_dirty(&live, 1, 16 * 384, 5 * 8 * 4);
	assert_dirty(&live, 2, 2 * 16 * 384, 2 * 8 * 4);
	assert_false(fbcon_live_dirty_row(&live, 3, &off, &len));

	/* The pixels are those of a fresh start over the same text. */
	memcpy(fresh_buf, buf, sizeof(buf));
	struct fbcon_surface t = surface(80, 64, 96, BOOT_FB_BGRX8);
	fbcon_live_init(&fresh, &t);
	fbcon_grid_write(&fresh.grid, "cdefg\nh\nzz", 11);
	fbcon_live_start(&fresh);
	assert_memory_equal(buf, fresh_buf, 96 * 64 * 4);
}

static void no_counts(void **state)
{
	char v[FBCON_FINAL_LINE_MAX], c[FBCON_FINAL_LINE_MAX];
	fbcon_final_lines(v, c, "error", NULL);
	assert_string_equal(v, "verdict: error");
	assert_string_equal(c, "no counts: the run ended before its tests");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(glyph_at_scales),  cmocka_unit_test(clipped),
		cmocka_unit_test(sixteen_bit),      cmocka_unit_test(refused),
		cmocka_unit_test(last_screen),      cmocka_unit_test(no_counts),
		cmocka_unit_test(live_dirty_spans),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
