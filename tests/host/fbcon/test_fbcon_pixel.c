/* SPDX-License-Identifier: MIT */
/*
 * drivers/video/fbcon_pixel: the GOP pixel formats (RGBX8, BGRX8, PixelBitMask
 * at 32 and 16 bits), and the ones that cannot be drawn on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/video/fbcon_pixel.h"

static struct boot_fb fb_of(uint32_t format, uint32_t r, uint32_t g, uint32_t b, uint32_t x)
{
	return (struct boot_fb){.format = format,
				.red_mask = r,
				.green_mask = g,
				.blue_mask = b,
				.reserved_mask = x};
}

static void rgbx_and_bgrx(void **state)
{
	struct fbcon_pixfmt f;
	struct boot_fb fb = fb_of(BOOT_FB_RGBX8, 0, 0, 0, 0);
	assert_int_equal(fbcon_pixfmt_init(&f, &fb), 0);
	assert_int_equal(f.bytes, 4);
	/* byte 0 red, byte 1 green, byte 2 blue (little-endian 32-bit value) */
	assert_int_equal(fbcon_pixel(&f, 0x11, 0x22, 0x33), 0x332211);
	fb = fb_of(BOOT_FB_BGRX8, 0, 0, 0, 0);
	assert_int_equal(fbcon_pixfmt_init(&f, &fb), 0);
	assert_int_equal(fbcon_pixel(&f, 0x11, 0x22, 0x33), 0x112233);
}

static void bitmask_32(void **state)
{
	struct fbcon_pixfmt f;
	/* 10-bit channels, red high: x2r10g10b10 */
	struct boot_fb fb = fb_of(BOOT_FB_BITMASK, 0x3ff00000, 0x000ffc00, 0x000003ff, 0xc0000000);
	assert_int_equal(fbcon_pixfmt_init(&f, &fb), 0);
	assert_int_equal(f.bytes, 4);
	assert_int_equal(f.red.shift, 20);
	assert_int_equal(f.red.bits, 10);
	assert_int_equal(fbcon_pixel(&f, 0xff, 0, 0), 0x3fc00000);
	assert_int_equal(fbcon_pixel(&f, 0, 0, 0x80), 0x200);
}

static void bitmask_16(void **state)
{
	struct fbcon_pixfmt f;
	/* RGB565 */
	struct boot_fb fb = fb_of(BOOT_FB_BITMASK, 0xf800, 0x07e0, 0x001f, 0);
	assert_int_equal(fbcon_pixfmt_init(&f, &fb), 0);
	assert_int_equal(f.bytes, 2);
	assert_int_equal(fbcon_pixel(&f, 0xff, 0xff, 0xff), 0xffff);
	assert_int_equal(fbcon_pixel(&f, 0xff, 0, 0), 0xf800);
	assert_int_equal(fbcon_pixel(&f, 0, 0x80, 0), 0x0400);
	assert_int_equal(fbcon_pixel(&f, 0, 0, 0x08), 0x0001);
}

static void not_drawable(void **state)
{
	struct fbcon_pixfmt f;
	struct boot_fb fb = fb_of(BOOT_FB_BLT_ONLY, 0, 0, 0, 0);
	assert_int_not_equal(fbcon_pixfmt_init(&f, &fb), 0);
	fb = fb_of(BOOT_FB_NONE, 0, 0, 0, 0);
	assert_int_not_equal(fbcon_pixfmt_init(&f, &fb), 0);
	fb = fb_of(BOOT_FB_BITMASK, 0xf0f000, 0x000f00, 0x0000ff, 0); /* red not one run */
	assert_int_not_equal(fbcon_pixfmt_init(&f, &fb), 0);
	fb = fb_of(BOOT_FB_BITMASK, 0xff0000, 0x00ff00, 0, 0); /* no blue */
	assert_int_not_equal(fbcon_pixfmt_init(&f, &fb), 0);
	fb = fb_of(BOOT_FB_BITMASK, 0xff0000, 0xff0000, 0xff, 0); /* overlapping */
	assert_int_not_equal(fbcon_pixfmt_init(&f, &fb), 0);
	fb = fb_of(BOOT_FB_BITMASK, 0xff0000, 0x00ff00, 0x0000ff, 0); /* 3-byte pixels */
	assert_int_not_equal(fbcon_pixfmt_init(&f, &fb), 0);
}

static void names(void **state)
{
	assert_string_equal(fbcon_format_name(BOOT_FB_NONE), "none");
	assert_string_equal(fbcon_format_name(BOOT_FB_RGBX8), "rgbx8");
	assert_string_equal(fbcon_format_name(BOOT_FB_BGRX8), "bgrx8");
	assert_string_equal(fbcon_format_name(BOOT_FB_BITMASK), "bitmask");
	assert_string_equal(fbcon_format_name(BOOT_FB_BLT_ONLY), "blt-only");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rgbx_and_bgrx), cmocka_unit_test(bitmask_32),
		cmocka_unit_test(bitmask_16),    cmocka_unit_test(not_drawable),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
