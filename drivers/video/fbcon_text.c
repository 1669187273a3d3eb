/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon_text.h"

#include <string.h>

void fbcon_text_init(struct fbcon_text *t, uint32_t cols, uint32_t rows)
{
	t->cols = cols < 1 ? 1 : cols > FBCON_TEXT_MAX_COLS ? FBCON_TEXT_MAX_COLS : cols;
	t->rows = rows < 1 ? 1 : rows > FBCON_TEXT_MAX_ROWS ? FBCON_TEXT_MAX_ROWS : rows;
	t->first = 0;
	t->col = 0;
	memset(t->cells, ' ', sizeof(t->cells));
}

static char *fbcon_text_newest(struct fbcon_text *t)
{
	return t->cells[(t->first + t->rows - 1) % t->rows];
}

static void fbcon_text_newline(struct fbcon_text *t)
{
	t->first = (t->first + 1) % t->rows;
	memset(fbcon_text_newest(t), ' ', t->cols);
	t->col = 0;
}

static void fbcon_text_put(struct fbcon_text *t, char c)
{
	if (t->col == t->cols)
		fbcon_text_newline(t); /* wrap only when something follows */
	fbcon_text_newest(t)[t->col++] = c;
}

void fbcon_text_putc(struct fbcon_text *t, char c)
{
	switch (c) {
	case '\n': fbcon_text_newline(t); return;
	case '\r': return;
	case '\t':
		do
			fbcon_text_put(t, ' ');
		while (t->col % 8 && t->col < t->cols);
		return;
	}
	if ((unsigned char)c < 0x20 || (unsigned char)c > 0x7e)
		c = '?';
	fbcon_text_put(t, c);
}

void fbcon_text_write(struct fbcon_text *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++)
		fbcon_text_putc(t, s[i]);
}

const char *fbcon_text_row(const struct fbcon_text *t, uint32_t i)
{
	return t->cells[(t->first + i) % t->rows];
}

uint32_t fbcon_text_filled(const struct fbcon_text *t)
{
	return t->col ? t->rows : t->rows - 1;
}
