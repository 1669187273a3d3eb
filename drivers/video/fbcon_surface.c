/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon_surface.h"

#include "drivers/video/fbcon_font.h"
#include "kernel/errno.h"

int fbcon_surface_init(struct fbcon_surface *s, const struct boot_fb *fb)
{
	if (fbcon_pixfmt_init(&s->fmt, fb))
		return -EINVAL;
	if (!fb->base || !fb->width || !fb->height || fb->stride < fb->width)
		return -EINVAL;
	uint64_t pitch = (uint64_t)fb->stride * s->fmt.bytes;
	if (pitch * fb->height > fb->size)
		return -EINVAL;
	s->base = (volatile uint8_t *)(uintptr_t)fb->base;
	s->width = fb->width;
	s->height = fb->height;
	s->pitch = (uint32_t)pitch;
	return 0;
}

static void fbcon_put(const struct fbcon_surface *s, uint32_t x, uint32_t y, uint32_t pixel)
{
	volatile uint8_t *p = s->base + (uint64_t)y * s->pitch + (uint64_t)x * s->fmt.bytes;
	if (s->fmt.bytes == 4)
		*(volatile uint32_t *)p = pixel;
	else
		*(volatile uint16_t *)p = (uint16_t)pixel;
}

void fbcon_fill(const struct fbcon_surface *s, uint32_t x, uint32_t y, uint32_t w, uint32_t h,
		uint32_t pixel)
{
	if (x >= s->width || y >= s->height)
		return;
	if (w > s->width - x)
		w = s->width - x;
	if (h > s->height - y)
		h = s->height - y;
	for (uint32_t j = 0; j < h; j++)
		for (uint32_t i = 0; i < w; i++)
			fbcon_put(s, x + i, y + j, pixel);
}

void fbcon_glyph_draw(const struct fbcon_surface *s, uint32_t x, uint32_t y, char c, uint32_t sx,
		      uint32_t sy, uint32_t fg, uint32_t bg)
{
	const uint8_t *g = fbcon_font_glyph(c);
	for (uint32_t row = 0; row < FBCON_FONT_H; row++)
		for (uint32_t col = 0; col < FBCON_FONT_W; col++)
			fbcon_fill(s, x + col * sx, y + row * sy, sx, sy,
				   (g[row] & (0x80u >> col)) ? fg : bg);
}

size_t fbcon_string_draw(const struct fbcon_surface *s, uint32_t x, uint32_t y, const char *str,
			 size_t n, uint32_t sx, uint32_t sy, uint32_t fg, uint32_t bg)
{
	size_t i;
	uint32_t cw = FBCON_FONT_W * sx;
	for (i = 0; i < n && str[i]; i++) {
		if (x + cw > s->width || y + FBCON_FONT_H * sy > s->height)
			break;
		fbcon_glyph_draw(s, x, y, str[i], sx, sy, fg, bg);
		x += cw;
	}
	return i;
}

void fbcon_cell_draw(const struct fbcon_surface *s, uint32_t x, uint32_t y, char c, uint32_t fg,
		     uint32_t bg)
{
	if (x + FBCON_CELL_W > s->width || y + FBCON_CELL_H > s->height)
		return;
	const uint8_t *g = fbcon_font_glyph(c);
	if (s->fmt.bytes != 4) {
		for (uint32_t row = 0; row < FBCON_FONT_H; row++)
			for (uint32_t col = 0; col < FBCON_FONT_W; col++) {
				uint32_t px = (g[row] & (0x80u >> col)) ? fg : bg;
				fbcon_put(s, x + col, y + 2 * row, px);
				fbcon_put(s, x + col, y + 2 * row + 1, px);
			}
		return;
	}
	/* 32-bit pixels: each font row stored straight into its two scan lines. */
	volatile uint8_t *line = s->base + (uint64_t)y * s->pitch + (uint64_t)x * 4;
	if ((((uintptr_t)line | s->pitch) & 7) == 0) {
		/* Two pixels per aligned 64-bit store (half the stores; the first pixel at the lower
		 * address on these little-endian CPUs). */
		for (uint32_t row = 0; row < FBCON_FONT_H; row++, line += 2 * (uint64_t)s->pitch) {
			volatile uint64_t *a = (volatile uint64_t *)line;
			volatile uint64_t *b = (volatile uint64_t *)(line + s->pitch);
			for (uint32_t col = 0; col < FBCON_FONT_W; col += 2) {
				uint64_t lo = (g[row] & (0x80u >> col)) ? fg : bg;
				uint64_t hi = (g[row] & (0x40u >> col)) ? fg : bg;
				a[col / 2] = lo | hi << 32;
				b[col / 2] = lo | hi << 32;
			}
		}
		return;
	}
	for (uint32_t row = 0; row < FBCON_FONT_H; row++, line += 2 * (uint64_t)s->pitch) {
		volatile uint32_t *a = (volatile uint32_t *)line;
		volatile uint32_t *b = (volatile uint32_t *)(line + s->pitch);
		for (uint32_t col = 0; col < FBCON_FONT_W; col++) {
			uint32_t px = (g[row] & (0x80u >> col)) ? fg : bg;
			a[col] = px;
			b[col] = px;
		}
	}
}
