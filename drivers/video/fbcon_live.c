/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon_live.h"

#include "drivers/video/fbcon_font.h"

void fbcon_live_init(struct fbcon_live *l, const struct fbcon_surface *s)
{
	l->s = s;
	l->fg = fbcon_pixel(&s->fmt, 0xc0, 0xc0, 0xc0);
	l->bg = fbcon_pixel(&s->fmt, 0, 0, 0);
	fbcon_grid_init(&l->grid, s->width / FBCON_CELL_W, s->height / FBCON_CELL_H);
	fbcon_live_clean_done(l);
}

void fbcon_live_clean_done(struct fbcon_live *l)
{
	l->whole = false;
	for (uint32_t r = 0; r < FBCON_TEXT_MAX_ROWS; r++)
		l->c0[r] = l->c1[r] = 0;
}

static void fbcon_live_dirty(struct fbcon_live *l, uint32_t row, uint32_t c0, uint32_t c1)
{
	if (l->c0[row] == l->c1[row]) {
		l->c0[row] = (uint16_t)c0;
		l->c1[row] = (uint16_t)c1;
		return;
	}
	if (c0 < l->c0[row])
		l->c0[row] = (uint16_t)c0;
	if (c1 > l->c1[row])
		l->c1[row] = (uint16_t)c1;
}

bool fbcon_live_dirty_row(const struct fbcon_live *l, uint32_t row, uint64_t *off, uint64_t *len)
{
	if (l->whole || row >= l->grid.rows || l->c0[row] == l->c1[row])
		return false;
	uint32_t px = l->s->fmt.bytes * FBCON_CELL_W;
	*off = (uint64_t)row * FBCON_CELL_H * l->s->pitch + (uint64_t)l->c0[row] * px;
	*len = (uint64_t)(l->c1[row] - l->c0[row]) * px;
	return true;
}

void fbcon_live_start(struct fbcon_live *l)
{
	struct fbcon_grid *g = &l->grid;
	fbcon_rows_fill(l->s, 0, l->s->height, l->bg);
	for (uint32_t r = 0; r < g->rows; r++)
		for (uint32_t c = 0; c < g->cols; c++)
			g->shown[r][c] = ' ';
	g->shift = 0;
	g->dirty_lo = 0;
	g->dirty_hi = g->rows;
	fbcon_live_flush(l);
	l->whole = true; /* the fill covered the margins too */
}

static void fbcon_live_cell(void *ctx, uint32_t row, uint32_t col, char c)
{
	struct fbcon_live *l = ctx;
	fbcon_cell_draw(l->s, col * FBCON_CELL_W, row * FBCON_CELL_H, c, l->fg, l->bg);
	fbcon_live_dirty(l, row, col, col + 1);
}

void fbcon_live_flush(struct fbcon_live *l)
{
	struct fbcon_grid *g = &l->grid;
	/* A jump moves no pixels: reading the framebuffer back is slow (under TCG every access to
	 * a Device-mapped page takes the slow path), so the cells that differ are redrawn. */
	fbcon_grid_drop_shift(g);
	fbcon_grid_sync(g, fbcon_live_cell, l);
}
