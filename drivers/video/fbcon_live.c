/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon_live.h"

#include "drivers/video/fbcon_font.h"

void fbcon_live_init(struct fbcon_live *l, const struct fbcon_surface *s)
{
	l->s = s;
	l->fg = fbcon_pixel(&s->fmt, 0xc0, 0xc0, 0xc0);
	l->bg = fbcon_pixel(&s->fmt, 0, 0, 0);
	fbcon_grid_init(&l->grid, s->width / FBCON_CELL_W, s->height / FBCON_CELL_H);
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
	uint32_t y0, y1;
	fbcon_live_flush(l, &y0, &y1);
}

struct fbcon_live_span {
	const struct fbcon_live *l;
	uint32_t lo, hi; /* cell rows drawn */
};

static void fbcon_live_cell(void *ctx, uint32_t row, uint32_t col, char c)
{
	struct fbcon_live_span *sp = ctx;
	fbcon_cell_draw(sp->l->s, col * FBCON_CELL_W, row * FBCON_CELL_H, c, sp->l->fg, sp->l->bg);
	if (sp->lo == sp->hi || row < sp->lo)
		sp->lo = row;
	if (row + 1 > sp->hi)
		sp->hi = row + 1;
}

void fbcon_live_flush(struct fbcon_live *l, uint32_t *y0, uint32_t *y1)
{
	struct fbcon_grid *g = &l->grid;
	struct fbcon_live_span sp = {.l = l};
	uint32_t up = fbcon_grid_take_shift(g);
	if (up) {
		uint32_t keep = g->rows - up;
		fbcon_rows_copy(l->s, 0, up * FBCON_CELL_H, keep * FBCON_CELL_H);
		fbcon_rows_fill(l->s, keep * FBCON_CELL_H, up * FBCON_CELL_H, l->bg);
		sp.lo = 0;
		sp.hi = g->rows;
	}
	fbcon_grid_sync(g, fbcon_live_cell, &sp);
	*y0 = sp.lo * FBCON_CELL_H;
	*y1 = sp.hi * FBCON_CELL_H;
}
