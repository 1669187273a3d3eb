/* SPDX-License-Identifier: MIT */
/*
 * Whole scan lines at once: a fill with the
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
