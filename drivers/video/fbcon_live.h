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
};

/* The grid the size of s in cells; nothing drawn yet. */
void fbcon_live_init(struct fbcon_live *l, const struct fbcon_surface *s);
/* Clears the whole surface and draws every cell: the pixels are then the grid's. */
void fbcon_live_start(struct fbcon_live *l);
/* Brings the pixels up to date; the scan lines touched are [*y0, *y1) (empty: equal). */
void fbcon_live_flush(struct fbcon_live *l, uint32_t *y0, uint32_t *y1);

#endif
