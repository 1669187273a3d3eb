/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon_grid.h"

#include <string.h>

static uint32_t fbcon_grid_clamp(uint32_t v, uint32_t max)
{
	return v < 1 ? 1 : v > max ? max : v;
}

void fbcon_grid_init(struct fbcon_grid *g, uint32_t cols, uint32_t rows)
{
	g->cols = fbcon_grid_clamp(cols, FBCON_TEXT_MAX_COLS);
	g->rows = fbcon_grid_clamp(rows, FBCON_TEXT_MAX_ROWS);
	g->row = g->col = 0;
	g->shift = g->jumps = 0;
	g->dirty_lo = g->dirty_hi = 0;
	memset(g->cells, ' ', sizeof(g->cells));
	memset(g->shown, ' ', sizeof(g->shown));
}

uint32_t fbcon_grid_jump_rows(uint32_t rows)
{
	return rows - rows / 2;
}

static void fbcon_grid_dirty(struct fbcon_grid *g, uint32_t lo, uint32_t hi)
{
	if (g->dirty_lo == g->dirty_hi) {
		g->dirty_lo = lo;
		g->dirty_hi = hi;
		return;
	}
	if (lo < g->dirty_lo)
		g->dirty_lo = lo;
	if (hi > g->dirty_hi)
		g->dirty_hi = hi;
}

/* The cursor moves down a row; past the last one the newest half moves to the top. */
static void fbcon_grid_newline(struct fbcon_grid *g)
{
	g->col = 0;
	if (g->row + 1 < g->rows) {
		g->row++;
		return;
	}
	uint32_t s = fbcon_grid_jump_rows(g->rows), keep = g->rows - s;
	memmove(g->cells[0], g->cells[s], (size_t)keep * FBCON_TEXT_MAX_COLS);
	memset(g->cells[keep], ' ', (size_t)s * FBCON_TEXT_MAX_COLS);
	g->row = keep;
	g->shift = g->shift + s > g->rows ? g->rows : g->shift + s;
	g->jumps++;
	fbcon_grid_dirty(g, 0, g->rows);
}

static void fbcon_grid_put(struct fbcon_grid *g, char c)
{
	if (g->col >= g->cols)
		fbcon_grid_newline(g); /* wrap only when something follows */
	g->cells[g->row][g->col++] = c;
	fbcon_grid_dirty(g, g->row, g->row + 1);
}

void fbcon_grid_putc(struct fbcon_grid *g, char c)
{
	switch (c) {
	case '\n': fbcon_grid_newline(g); return;
	case '\r': return;
	case '\t':
		do
			fbcon_grid_put(g, ' ');
		while (g->col % 8 && g->col < g->cols);
		return;
	}
	if ((unsigned char)c < 0x20 || (unsigned char)c > 0x7e)
		c = '?';
	fbcon_grid_put(g, c);
}

void fbcon_grid_write(struct fbcon_grid *g, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++)
		fbcon_grid_putc(g, s[i]);
}

uint32_t fbcon_grid_drop_shift(struct fbcon_grid *g)
{
	uint32_t s = g->shift;
	g->shift = 0;
	return s;
}

uint32_t fbcon_grid_sync(struct fbcon_grid *g, fbcon_grid_visit visit, void *ctx)
{
	uint32_t n = 0;
	for (uint32_t r = g->dirty_lo; r < g->dirty_hi && r < g->rows; r++)
		for (uint32_t c = 0; c < g->cols; c++) {
			if (g->cells[r][c] == g->shown[r][c])
				continue;
			visit(ctx, r, c, g->cells[r][c]);
			g->shown[r][c] = g->cells[r][c];
			n++;
		}
	g->dirty_lo = g->dirty_hi = 0;
	return n;
}
