/* SPDX-License-Identifier: MIT */
/*
 * The live screen: the console's lines on the framebuffer as they are printed,
 * in 8 x 16 cells from the top left, scrolling by jumps (fbcon_grid.h). Each
 * flush copies the pixels once per jump and draws only the cells that changed.
 */
#ifndef DOORBELL_FBCON_LIVE_H
#define DOORBELL_FBCON_LIVE_H

#include <stdint.h>

#include "drivers/video/fbcon_grid.h"
#include "drivers/video/fbcon_surface.h"

struct fbcon_live {
	struct fbcon_grid grid;
	const struct fbcon_surface *s;
	uint32_t fg, bg;
	/* Drawn since the last fbcon_live_clean_done: the whole surface, or per cell row the
	 * columns [c0, c1) (empty: equal), for one cache clean per write (fbcon.c). */
	bool whole;
	uint16_t c0[FBCON_TEXT_MAX_ROWS], c1[FBCON_TEXT_MAX_ROWS];
};

/* The grid the size of s in cells; nothing drawn yet. */
void fbcon_live_init(struct fbcon_live *l, const struct fbcon_surface *s);
/* Clears the whole surface and draws every cell: the pixels are then the grid's. */
void fbcon_live_start(struct fbcon_live *l);
/* Brings the pixels up to date and adds what it drew to the dirty spans. */
void fbcon_live_flush(struct fbcon_live *l);
/*
 * Where cell row `row` was drawn: its first scan line's dirty bytes start at *off from the
 * surface's base and run *len bytes, and each of its FBCON_CELL_H scan lines is the same span
 * one pitch further. False when nothing in that row was drawn (or the whole surface was).
 */
bool fbcon_live_dirty_row(const struct fbcon_live *l, uint32_t row, uint64_t *off, uint64_t *len);
/* The dirty spans were cleaned: nothing is dirty. */
void fbcon_live_clean_done(struct fbcon_live *l);

#endif
