/* SPDX-License-Identifier: MIT */
/*
 * The framebuffer console: a sink beside the serial port. Every line the
 * serial console gets goes into a text ring the size of the screen and into
 * the live grid. Once live (the framebuffer mapped), each write is drawn as
 * it comes (fbcon_live.h); at the end the last screen replaces it with the
 * verdict, the counts and the newest lines. Without a GOP framebuffer
 * (none, or Blt-only) it stays off and costs nothing.
 */
#ifndef DOORBELL_FBCON_H
#define DOORBELL_FBCON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/handoff.h"
#include "drivers/video/fbcon_final.h"

/* On when fb can be drawn on; false (and off) otherwise. */
bool fbcon_init(const struct boot_fb *fb);
bool fbcon_active(void);
/* Writes go to the screen from now on: clears it and draws what was written so far. */
void fbcon_go_live(void);
bool fbcon_live(void);
/* Call under the console's lock. */
void fbcon_write(const char *s, size_t n);
/* Draws the last screen; false when off. */
bool fbcon_finish(const char *verdict, const struct fbcon_counts *counts);
/* What the console cost: arch counter ticks in the text (ring and grid), in the live drawing
 * (of which clean_ticks in the cache clean that publishes it) and in the last screen's drawing. */
struct fbcon_cost {
	uint64_t bytes, text_ticks, live_ticks, clean_ticks, draw_ticks;
};
const struct fbcon_cost *fbcon_cost(void);
/* Turns it off, saying why. */
void fbcon_off(const char *why);
/* Why it is off, or "on". */
const char *fbcon_state(void);

#endif
