/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon.h"

#include "arch/hooks.h"
#include "drivers/video/fbcon_font.h"
#include "drivers/video/fbcon_live.h"
#include "drivers/video/fbcon_surface.h"
#include "drivers/video/fbcon_text.h"

static struct fbcon_surface fbcon_screen;
static struct fbcon_text fbcon_log;
static struct fbcon_live fbcon_now;
static bool fbcon_on;
static bool fbcon_live_on;
/* Set while this console draws: a nested write (an exception raised while drawing, or a
 * writer that took the console lock over) only adds its text, the drawing goes on without it. */
static volatile bool fbcon_drawing;
static const char *fbcon_why = "not initialised";
static struct fbcon_cost fbcon_spent;

const struct fbcon_cost *fbcon_cost(void)
{
	return &fbcon_spent;
}

bool fbcon_init(const struct boot_fb *fb)
{
	fbcon_on = false;
	if (fb->format == BOOT_FB_NONE) {
		fbcon_why = "no graphics output protocol";
		return false;
	}
	if (fb->format == BOOT_FB_BLT_ONLY) {
		fbcon_why = "the GOP is Blt-only: no framebuffer to draw on";
		return false;
	}
	if (fbcon_surface_init(&fbcon_screen, fb)) {
		fbcon_why = "the framebuffer's format or size cannot be drawn on";
		return false;
	}
	fbcon_text_init(&fbcon_log, fb->width / FBCON_CELL_W, fb->height / FBCON_CELL_H);
	fbcon_live_init(&fbcon_now, &fbcon_screen);
	fbcon_live_on = false;
	fbcon_on = true;
	fbcon_why = "on";
	return true;
}

bool fbcon_active(void)
{
	return fbcon_on;
}

void fbcon_off(const char *why)
{
	fbcon_on = false;
	fbcon_live_on = false;
	fbcon_why = why;
}

const char *fbcon_state(void)
{
	return fbcon_why;
}

/*
 * The one cache clean of the console: what was drawn reaches the point of coherency for a display
 * that does not snoop (ramfb's buffer is plain RAM). DC CVAC per line of every dirty span, the
 * spans of a whole write together, then a single DSB (Arm ARM D7.5, "data cache maintenance
 * instructions", and the DSB that completes them; arch_dcache_clean_lines / _done). Called once per
 * write, before the console lock is released, and once for the whole surface at the start and the
 * end.
 */
static void fbcon_publish(bool whole)
{
	struct fbcon_live *l = &fbcon_now;
	if (whole || l->whole) {
		arch_dcache_clean_lines((const void *)(uintptr_t)fbcon_screen.base,
					(uint64_t)fbcon_screen.height * fbcon_screen.pitch);
	} else {
		for (uint32_t r = 0; r < l->grid.rows; r++) {
			uint64_t off, len;
			if (!fbcon_live_dirty_row(l, r, &off, &len))
				continue;
			for (uint32_t y = 0; y < FBCON_CELL_H; y++, off += fbcon_screen.pitch)
				arch_dcache_clean_lines(
					(const void *)(uintptr_t)(fbcon_screen.base + off), len);
		}
	}
	arch_dcache_clean_done();
	fbcon_live_clean_done(l);
}

static void fbcon_live_draw(bool start)
{
	if (fbcon_drawing)
		return;
	fbcon_drawing = true;
	uint64_t t0 = arch_counter_read();
	if (start)
		fbcon_live_start(&fbcon_now);
	else
		fbcon_live_flush(&fbcon_now);
	uint64_t t1 = arch_counter_read();
	fbcon_publish(false);
	uint64_t t2 = arch_counter_read();
	fbcon_spent.clean_ticks += t2 - t1;
	fbcon_spent.live_ticks += t2 - t0;
	fbcon_drawing = false;
}

void fbcon_go_live(void)
{
	if (!fbcon_on || fbcon_live_on)
		return;
	fbcon_live_on = true;
	fbcon_live_draw(true);
}

bool fbcon_live(void)
{
	return fbcon_live_on;
}

void fbcon_write(const char *s, size_t n)
{
	if (!fbcon_on)
		return;
	uint64_t t0 = arch_counter_read();
	fbcon_text_write(&fbcon_log, s, n);
	fbcon_grid_write(&fbcon_now.grid, s, n);
	fbcon_spent.text_ticks += arch_counter_read() - t0;
	fbcon_spent.bytes += n;
	if (fbcon_live_on)
		fbcon_live_draw(false);
}

bool fbcon_finish(const char *verdict, const struct fbcon_counts *counts)
{
	if (!fbcon_on)
		return false;
	/* The last screen replaces the live one, even over a drawing a fault interrupted. */
	fbcon_live_on = false;
	uint64_t t0 = arch_counter_read();
	fbcon_final_draw(&fbcon_screen, &fbcon_log, verdict, counts);
	/* A framebuffer in cacheable RAM must reach memory for the display to see it. */
	fbcon_publish(true);
	fbcon_spent.draw_ticks = arch_counter_read() - t0;
	return true;
}
