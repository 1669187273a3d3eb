/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon_font.h"

const uint8_t *fbcon_font_glyph(char c)
{
	unsigned u = (unsigned char)c;
	if (u < FBCON_FONT_FIRST || u >= FBCON_FONT_FIRST + FBCON_FONT_GLYPHS)
		u = '?';
	return fbcon_font[u - FBCON_FONT_FIRST];
}
