/* SPDX-License-Identifier: MIT */
/*
 * Drawing on a linear framebuffer (or any memory laid out like one): filled
 * rectangles and glyphs, each font pixel drawn as an sx x sy block. Every
 * store is one aligned pixel-sized write, so device memory is fine.
 */
#ifndef DOORBELL_FBCON_SURFACE_H
#define DOORBELL_FBCON_SURFACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/handoff.h"
#include "drivers/video/fbcon_pixel.h"

struct fbcon_surface {
	volatile uint8_t *base;
	uint32_t width, height;
	uint32_t pitch; /* bytes per scan line */
	struct fbcon_pixfmt fmt;
};

/* A surface over fb at its (identity-mapped) base; 0 or -EINVAL (Blt-only, too small, ...). */
int fbcon_surface_init(struct fbcon_surface *s, const struct boot_fb *fb);
/* Clipped to the surface. */
void fbcon_fill(const struct fbcon_surface *s, uint32_t x, uint32_t y, uint32_t w, uint32_t h,
		uint32_t pixel);
/* One glyph cell of (8 * sx) x (8 * sy) pixels at (x, y): ink in fg, the rest in bg. */
void fbcon_glyph_draw(const struct fbcon_surface *s, uint32_t x, uint32_t y, char c, uint32_t sx,
		      uint32_t sy, uint32_t fg, uint32_t bg);
/* n characters of str from (x, y) to the right; the number that fit. */
size_t fbcon_string_draw(const struct fbcon_surface *s, uint32_t x, uint32_t y, const char *str,
			 size_t n, uint32_t sx, uint32_t sy, uint32_t fg, uint32_t bg);
/* A text cell at scale 1 x 2 (8 x 16 pixels), every pixel stored: the live console's glyph. */
void fbcon_cell_draw(const struct fbcon_surface *s, uint32_t x, uint32_t y, char c, uint32_t fg,
		     uint32_t bg);

/* Whole scan lines (fbcon_rows.c): h lines from y filled with pixel, clipped to the surface. */
void fbcon_rows_fill(const struct fbcon_surface *s, uint32_t y, uint32_t h, uint32_t pixel);

#endif
