/* SPDX-License-Identifier: MIT */
/* The console font: 8x8 glyphs for printable ASCII, drawn in 8x16 cells (rows doubled). */
#ifndef DOORBELL_FBCON_FONT_H
#define DOORBELL_FBCON_FONT_H

#include <stdint.h>

#define FBCON_FONT_W      8
#define FBCON_FONT_H      8
#define FBCON_FONT_FIRST  0x20
#define FBCON_FONT_GLYPHS 95 /* 0x20 .. 0x7e */
#define FBCON_CELL_W      8  /* a text cell at scale 1: the glyph's width ... */
#define FBCON_CELL_H      16 /* ... and its rows drawn twice */

extern const uint8_t fbcon_font[FBCON_FONT_GLYPHS][FBCON_FONT_H];

/* The glyph of c; '?' for anything outside printable ASCII. */
const uint8_t *fbcon_font_glyph(char c);

#endif
