/* SPDX-License-Identifier: MIT */
/*
 * The last screen of a run: the verdict large, the counts below it, then the
 * newest lines of the console text. The layout is fixed so that a screendump
 * reads back as text (tools/doorbell/screen.py mirrors these numbers):
 *   y 0    band of 64 pixels: "verdict: <v>" with glyph pixels of 4 x 8 (or smaller to fit)
 *   y 64   band of 32 pixels: the counts with glyph pixels of 2 x 4 (or 1 x 2 to fit)
 *   y 112  the console text in 8 x 16 cells, to the bottom of the screen
 * Everything on a black background; any other pixel is ink.
 */
#ifndef DOORBELL_FBCON_FINAL_H
#define DOORBELL_FBCON_FINAL_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/video/fbcon_surface.h"
#include "drivers/video/fbcon_text.h"

#define FBCON_FINAL_VERDICT_Y 0
#define FBCON_FINAL_VERDICT_H 64
#define FBCON_FINAL_COUNTS_Y  64
#define FBCON_FINAL_COUNTS_H  32
#define FBCON_FINAL_TEXT_Y    112
#define FBCON_FINAL_LINE_MAX  96

struct fbcon_counts {
	bool known; /* false: the run ended before its tests reported */
	unsigned passed, failed, skipped, todo;
};

/* The text rows the last screen has room for on a surface of this height. */
uint32_t fbcon_final_text_rows(uint32_t height);
/* "verdict: pass" and "passed 3  failed 0  skipped 1  todo 0" (or why there are no counts). */
void fbcon_final_lines(char verdict_line[FBCON_FINAL_LINE_MAX],
		       char counts_line[FBCON_FINAL_LINE_MAX], const char *verdict,
		       const struct fbcon_counts *counts);
/* Clears s and draws the last screen. */
void fbcon_final_draw(const struct fbcon_surface *s, const struct fbcon_text *t,
		      const char *verdict, const struct fbcon_counts *counts);

#endif
