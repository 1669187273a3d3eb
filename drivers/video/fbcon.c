/* SPDX-License-Identifier: MIT */
#include "drivers/video/fbcon.h"

#include "arch/hooks.h"
#include "drivers/video/fbcon_font.h"
#include "drivers/video/fbcon_surface.h"
#include "drivers/video/fbcon_text.h"

static struct fbcon_surface fbcon_screen;
static struct fbcon_text fbcon_log;
static bool fbcon_on;
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
	fbcon_why = why;
}

const char *fbcon_state(void)
{
	return fbcon_why;
}

void fbcon_write(const char *s, size_t n)
{
	if (!fbcon_on)
		return;
	uint64_t t0 = arch_counter_read();
	fbcon_text_write(&fbcon_log, s, n);
	fbcon_spent.text_ticks += arch_counter_read() - t0;
	fbcon_spent.bytes += n;
}

bool fbcon_finish(const char *verdict, const struct fbcon_counts *counts)
{
	if (!fbcon_on)
		return false;
	uint64_t t0 = arch_counter_read();
	fbcon_final_draw(&fbcon_screen, &fbcon_log, verdict, counts);
	/* A framebuffer in cacheable RAM must reach memory for the display to see it. */
	arch_dcache_clean((const void *)(uintptr_t)fbcon_screen.base,
			  (uint64_t)fbcon_screen.pitch * fbcon_screen.height);
	arch_wmb();
	fbcon_spent.draw_ticks = arch_counter_read() - t0;
	return true;
}
