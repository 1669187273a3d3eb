/* SPDX-License-Identifier: MIT */
/*
 * The console's text: a ring of rows of characters, as many as the screen
 * shows, filled as the serial console is. Lines longer than a row wrap; a
 * new row at the bottom pushes the oldest out (scrolling is an index).
 */
#ifndef DOORBELL_FBCON_TEXT_H
#define DOORBELL_FBCON_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define FBCON_TEXT_MAX_COLS 256
#define FBCON_TEXT_MAX_ROWS 160

struct fbcon_text {
	uint32_t cols, rows;
	uint32_t first; /* ring index of the oldest row */
	uint32_t col;   /* cursor column in the newest row */
	char cells[FBCON_TEXT_MAX_ROWS][FBCON_TEXT_MAX_COLS];
};

/* cols and rows clamped to 1 .. the maxima; every cell blank. */
void fbcon_text_init(struct fbcon_text *t, uint32_t cols, uint32_t rows);
/* '\n' starts a row, '\r' is dropped, '\t' moves to the next multiple of 8, any other byte
 * outside printable ASCII shows as '?'. */
void fbcon_text_putc(struct fbcon_text *t, char c);
void fbcon_text_write(struct fbcon_text *t, const char *s, size_t n);
/* Row i, 0 the oldest, rows - 1 the newest; t->cols characters, blank-padded. */
const char *fbcon_text_row(const struct fbcon_text *t, uint32_t i);
/* Rows that hold something: the newest is left out while the cursor is at its start. */
uint32_t fbcon_text_filled(const struct fbcon_text *t);

#endif
