/* SPDX-License-Identifier: MIT */
/*
 * Pixel formats of a GOP framebuffer (UEFI 2.10 §12.9.2, EFI_GRAPHICS_PIXEL_FORMAT):
 * 8-bit RGBX and BGRX, and PixelBitMask, where the masks place each colour
 * and the highest bit of any mask gives the pixel's size (2 or 4 bytes here).
 */
#ifndef DOORBELL_FBCON_PIXEL_H
#define DOORBELL_FBCON_PIXEL_H

#include <stdint.h>

#include "boot/handoff.h"

struct fbcon_channel {
	uint8_t shift; /* lowest bit of the mask */
	uint8_t bits;  /* its width */
};

struct fbcon_pixfmt {
	struct fbcon_channel red, green, blue;
	uint8_t bytes; /* per pixel: 2 or 4 */
};

/* 0, or -EINVAL for a format that cannot be drawn on (Blt-only, no GOP, odd masks). */
int fbcon_pixfmt_init(struct fbcon_pixfmt *fmt, const struct boot_fb *fb);
/* The pixel value of an 8-bit-per-colour RGB triple. */
uint32_t fbcon_pixel(const struct fbcon_pixfmt *fmt, uint8_t r, uint8_t g, uint8_t b);
/* "rgbx8", "bgrx8", "bitmask", "blt-only", "none". */
const char *fbcon_format_name(uint32_t format);

#endif
