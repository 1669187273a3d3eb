/* SPDX-License-Identifier: MIT */
/*
 * The live screen's text: a grid of cells as the screen shows them while the
 * run goes on, filled from the top. When a line needs the row below the last
 * one, the grid jumps: the newest half of the rows moves to the top and the
 * rest is blank, so the pixels scroll by one block copy every rows / 2 lines
 * instead of a whole-screen copy per line. A second grid remembers what the
 * pixels show, so only the cells that changed are drawn (fbcon_live.c).
 */
#ifndef DOORBELL_FBCON_GRID_H
#define DOORBELL_FBCON_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/video/fbcon_text.h"

struct fbcon_grid {
	uint32_t cols, rows;
	uint32_t row, col; /* the cursor */
	uint32_t shift;    /* rows moved up since the pixels were last brought up to date */
	uint32_t jumps;    /* jump scrolls so far */
	uint32_t dirty_lo, dirty_hi; /* rows that may differ from `shown`: [lo, hi) */
	char cells[FBCON_TEXT_MAX_ROWS][FBCON_TEXT_MAX_COLS]; /* what the screen should show */
	char shown[FBCON_TEXT_MAX_ROWS][FBCON_TEXT_MAX_COLS]; /* what the pixels show */
};

/* cols and rows clamped to 1 .. the maxima; every cell blank, shown and to show. */
void fbcon_grid_init(struct fbcon_grid *g, uint32_t cols, uint32_t rows);
/* The rows a jump moves up: the older half, rounded up (rows 1: that row). */
uint32_t fbcon_grid_jump_rows(uint32_t rows);
/* The same bytes as fbcon_text_putc: '\n' starts a row, '\r' is dropped, '\t' moves to the
 * next multiple of 8, other bytes outside printable ASCII show as '?'; long lines wrap. */
void fbcon_grid_putc(struct fbcon_grid *g, char c);
void fbcon_grid_write(struct fbcon_grid *g, const char *s, size_t n);

/*
 * Bringing the pixels up to date, in two steps. First the rows moved up since the last time are
 * forgotten: no pixel moves (reading a framebuffer back is slow), `shown` stays what the pixels
 * show, and a jump has marked every row dirty. Returns them. Then every cell where the grid
 * differs from `shown`: visit(ctx, row, col, c) draws it, and `shown` takes it. Returns the
 * number of cells visited.
 */
uint32_t fbcon_grid_drop_shift(struct fbcon_grid *g);
typedef void (*fbcon_grid_visit)(void *ctx, uint32_t row, uint32_t col, char c);
uint32_t fbcon_grid_sync(struct fbcon_grid *g, fbcon_grid_visit visit, void *ctx);

#endif
