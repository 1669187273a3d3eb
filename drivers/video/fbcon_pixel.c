/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon_pixel.h"

#include "kernel/errno.h"

static int fbcon_channel_init(struct fbcon_channel *ch, uint32_t mask)
{
	if (!mask)
		return -EINVAL;
	unsigned shift = 0, bits = 0;
	while (!(mask & (1u << shift)))
		shift++;
	while (shift + bits < 32 && (mask & (1u << (shift + bits))))
		bits++;
	if (shift + bits < 32 && (mask >> (shift + bits)))
		return -EINVAL; /* not one run of bits */
	ch->shift = (uint8_t)shift;
	ch->bits = (uint8_t)bits;
	return 0;
}

static unsigned fbcon_highest_bit(uint32_t v)
{
	unsigned h = 0;
	for (unsigned i = 0; i < 32; i++)
		if (v & (1u << i))
			h = i;
	return h;
}

int fbcon_pixfmt_init(struct fbcon_pixfmt *fmt, const struct boot_fb *fb)
{
	switch (fb->format) {
	case BOOT_FB_RGBX8: *fmt = (struct fbcon_pixfmt){{0, 8}, {8, 8}, {16, 8}, 4}; return 0;
	case BOOT_FB_BGRX8: *fmt = (struct fbcon_pixfmt){{16, 8}, {8, 8}, {0, 8}, 4}; return 0;
	case BOOT_FB_BITMASK: break;
	default: return -EINVAL;
	}
	uint32_t all = fb->red_mask | fb->green_mask | fb->blue_mask | fb->reserved_mask;
	if ((fb->red_mask & fb->green_mask) || (fb->red_mask & fb->blue_mask) ||
	    (fb->green_mask & fb->blue_mask))
		return -EINVAL;
	if (fbcon_channel_init(&fmt->red, fb->red_mask) ||
	    fbcon_channel_init(&fmt->green, fb->green_mask) ||
	    fbcon_channel_init(&fmt->blue, fb->blue_mask))
		return -EINVAL;
	unsigned top = fbcon_highest_bit(all);
	if (top < 16)
		fmt->bytes = 2;
	else if (top >= 24)
		fmt->bytes = 4;
	else
		return -EINVAL; /* 3-byte pixels: not drawn */
	return 0;
}

static uint32_t fbcon_scale(const struct fbcon_channel *ch, uint8_t v)
{
	uint32_t x = ch->bits >= 8 ? (uint32_t)v << (ch->bits - 8) : (uint32_t)v >> (8 - ch->bits);
	return x << ch->shift;
}

uint32_t fbcon_pixel(const struct fbcon_pixfmt *fmt, uint8_t r, uint8_t g, uint8_t b)
{
	return fbcon_scale(&fmt->red, r) | fbcon_scale(&fmt->green, g) | fbcon_scale(&fmt->blue, b);
}

const char *fbcon_format_name(uint32_t format)
{
	switch (format) {
	case BOOT_FB_NONE: return "none";
	case BOOT_FB_RGBX8: return "rgbx8";
	case BOOT_FB_BGRX8: return "bgrx8";
	case BOOT_FB_BITMASK: return "bitmask";
	case BOOT_FB_BLT_ONLY: return "blt-only";
	}
	return "unknown";
}
