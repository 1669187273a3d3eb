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

/* The scan lines [y0, y1) reach memory, for a display that does not snoop the caches. */
static void fbcon_publish(uint32_t y0, uint32_t y1)
{
	if (y0 >= y1)
		return;
	arch_dcache_clean(
		(const void *)(uintptr_t)(fbcon_screen.base + (uint64_t)y0 * fbcon_screen.pitch),
		(uint64_t)(y1 - y0) * fbcon_screen.pitch);
	arch_wmb();
}

static void fbcon_live_draw(bool start)
{
	if (fbcon_drawing)
		return;
	fbcon_drawing = true;
	uint64_t t0 = arch_counter_read();
	uint32_t y0 = 0, y1 = fbcon_screen.height;
	if (start)
		fbcon_live_start(&fbcon_now);
	else
		fbcon_live_flush(&fbcon_now, &y0, &y1);
	fbcon_publish(y0, y1);
	fbcon_spent.live_ticks += arch_counter_read() - t0;
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
	fbcon_publish(0, fbcon_screen.height);
	fbcon_spent.draw_ticks = arch_counter_read() - t0;
	return true;
}
