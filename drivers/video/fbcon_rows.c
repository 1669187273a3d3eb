/* SPDX-License-Identifier: MIT */
/*
 * Whole scan lines at once, for scrolling: a block copy and a fill with the
 * widest store the alignment allows (8 bytes when the base and the pitch
 * are 8-byte aligned; otherwise the pixel's own size). Aligned stores of
 * any of these sizes are fine on device memory too.
 */
#include "drivers/video/fbcon_surface.h"

static uint32_t fbcon_rows_unit(const struct fbcon_surface *s)
{
	uintptr_t a = (uintptr_t)s->base | s->pitch;
	return a % 8 == 0 ? 8 : a % 4 == 0 ? 4 : 2;
}

void fbcon_rows_copy(const struct fbcon_surface *s, uint32_t dst_y, uint32_t src_y, uint32_t h)
{
	if (dst_y >= s->height || src_y >= s->height || dst_y == src_y)
		return;
	uint32_t top = dst_y > src_y ? dst_y : src_y;
	if (h > s->height - top)
		h = s->height - top;
	uint64_t bytes = (uint64_t)h * s->pitch;
	volatile uint8_t *d = s->base + (uint64_t)dst_y * s->pitch;
	volatile uint8_t *p = s->base + (uint64_t)src_y * s->pitch;
	/* Upwards only (what scrolling needs) copies front to back; else back to front. */
	bool up = dst_y < src_y;
	switch (fbcon_rows_unit(s)) {
	case 8:
		for (uint64_t i = 0; i < bytes / 8; i++) {
			uint64_t k = up ? i : bytes / 8 - 1 - i;
			((volatile uint64_t *)d)[k] = ((volatile uint64_t *)p)[k];
		}
		break;
	case 4:
		for (uint64_t i = 0; i < bytes / 4; i++) {
			uint64_t k = up ? i : bytes / 4 - 1 - i;
			((volatile uint32_t *)d)[k] = ((volatile uint32_t *)p)[k];
		}
		break;
	default:
		for (uint64_t i = 0; i < bytes / 2; i++) {
			uint64_t k = up ? i : bytes / 2 - 1 - i;
			((volatile uint16_t *)d)[k] = ((volatile uint16_t *)p)[k];
		}
	}
}

void fbcon_rows_fill(const struct fbcon_surface *s, uint32_t y, uint32_t h, uint32_t pixel)
{
	if (y >= s->height)
		return;
	if (h > s->height - y)
		h = s->height - y;
	uint64_t bytes = (uint64_t)h * s->pitch;
	volatile uint8_t *d = s->base + (uint64_t)y * s->pitch;
	uint64_t v = s->fmt.bytes == 4 ? pixel : (pixel & 0xffffu) * 0x0001000100010001ull;
	if (s->fmt.bytes == 4)
		v |= v << 32;
	switch (fbcon_rows_unit(s)) {
	case 8:
		for (uint64_t i = 0; i < bytes / 8; i++)
			((volatile uint64_t *)d)[i] = v;
		break;
	case 4:
		for (uint64_t i = 0; i < bytes / 4; i++)
			((volatile uint32_t *)d)[i] = (uint32_t)v;
		break;
	default:
		for (uint64_t i = 0; i < bytes / 2; i++)
			((volatile uint16_t *)d)[i] = (uint16_t)v;
	}
}
