/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon_final.h"

#include <stdio.h>
#include <string.h>

#include "drivers/video/fbcon_font.h"

uint32_t fbcon_final_text_rows(uint32_t height)
{
	return height > FBCON_FINAL_TEXT_Y ? (height - FBCON_FINAL_TEXT_Y) / FBCON_CELL_H : 0;
}

void fbcon_final_lines(char verdict_line[FBCON_FINAL_LINE_MAX],
		       char counts_line[FBCON_FINAL_LINE_MAX], const char *verdict,
		       const struct fbcon_counts *counts)
{
	snprintf(verdict_line, FBCON_FINAL_LINE_MAX, "verdict: %s", verdict);
	if (counts && counts->known)
		snprintf(counts_line, FBCON_FINAL_LINE_MAX,
			 "passed %u  failed %u  skipped %u  todo %u", counts->passed,
			 counts->failed, counts->skipped, counts->todo);
	else
		snprintf(counts_line, FBCON_FINAL_LINE_MAX,
			 "no counts: the run ended before its tests");
}

/* The largest sx <= max_sx (with sy = 2 sx) at which the line fits the width. */
static uint32_t fbcon_final_scale(uint32_t width, size_t len, uint32_t max_sx)
{
	uint32_t sx = max_sx;
	while (sx > 1 && len * FBCON_FONT_W * sx > width)
		sx--;
	return sx;
}

/* A line in the text area: only the ink is drawn, the background is clear already. */
static void fbcon_final_text_line(const struct fbcon_surface *s, uint32_t y, const char *row,
				  uint32_t cols, uint32_t fg, uint32_t bg)
{
	for (uint32_t c = 0; c < cols && (c + 1) * FBCON_CELL_W <= s->width; c++)
		if (row[c] != ' ')
			fbcon_glyph_draw(s, c * FBCON_CELL_W, y, row[c], 1, 2, fg, bg);
}

void fbcon_final_draw(const struct fbcon_surface *s, const struct fbcon_text *t,
		      const char *verdict, const struct fbcon_counts *counts)
{
	const struct fbcon_pixfmt *f = &s->fmt;
	uint32_t bg = fbcon_pixel(f, 0, 0, 0), text = fbcon_pixel(f, 0xc0, 0xc0, 0xc0);
	uint32_t white = fbcon_pixel(f, 0xff, 0xff, 0xff);
	bool pass = !strcmp(verdict, "pass");
	uint32_t vcol = pass ? fbcon_pixel(f, 0x30, 0xd0, 0x30) : fbcon_pixel(f, 0xff, 0x40, 0x40);
	char vline[FBCON_FINAL_LINE_MAX], cline[FBCON_FINAL_LINE_MAX];

	fbcon_fill(s, 0, 0, s->width, s->height, bg);
	fbcon_final_lines(vline, cline, verdict, counts);
	size_t vlen = strlen(vline), clen = strlen(cline);
	uint32_t vs = fbcon_final_scale(s->width, vlen, 4),
		 cs = fbcon_final_scale(s->width, clen, 2);
	fbcon_string_draw(s, 0, FBCON_FINAL_VERDICT_Y, vline, vlen, vs, 2 * vs, vcol, bg);
	fbcon_string_draw(s, 0, FBCON_FINAL_COUNTS_Y, cline, clen, cs, 2 * cs, white, bg);

	/* The newest rows that fit, oldest first, top-aligned. */
	uint32_t room = fbcon_final_text_rows(s->height), filled = fbcon_text_filled(t);
	uint32_t n = filled < room ? filled : room;
	for (uint32_t i = 0; i < n; i++)
		fbcon_final_text_line(s, FBCON_FINAL_TEXT_Y + i * FBCON_CELL_H,
				      fbcon_text_row(t, filled - n + i), t->cols, text, bg);
}
