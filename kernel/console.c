/* SPDX-License-Identifier: MIT */
/* The guest console: formatted output to the serial port, "\n" sent as CR LF. */
#include "kernel/console.h"

#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "drivers/serial/serial.h"
#include "drivers/video/fbcon.h"
#include "kernel/config.h"
#include "kernel/console_init.h"
#include "kernel/exit.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"

static struct serial_port console_port;
static struct spinlock console_lock;

/*
 * Bounded: an exception raised while this CPU holds the lock (a fault in
 * the serial driver, a dump from the exception handler) must still print,
 * so after this many tries the lock is taken over rather than waited on.
 */
#define CONSOLE_LOCK_SPINS 20000000u

static void console_lock_take(void)
{
	for (uint32_t i = 0; i < CONSOLE_LOCK_SPINS; i++) {
		if (spin_trylock(&console_lock))
			return;
		spin_relax();
	}
}

void console_init(uint64_t spcr_base)
{
	serial_init(&console_port, spcr_base);
}

const struct serial_port *console_serial(void)
{
	return &console_port;
}

/* The screen first: when a line shows on the serial port, it is on the screen already (the
 * runner's live screendump relies on that). */
static void console_put_raw(const char *s, size_t n)
{
	size_t len = 0;
	while (len < n && s[len])
		len++;
	fbcon_write(s, len);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc(&console_port, '\r');
		serial_putc(&console_port, s[i]);
	}
}

void console_screen_init(const struct boot_fb *fb)
{
	fbcon_init(fb);
}

void console_screen_map(const struct boot_fb *fb)
{
	if (!fbcon_active())
		return;
	int err = arch_mmio_map(fb->base, fb->size);
	if (err) {
		fbcon_off("the framebuffer could not be mapped");
		return;
	}
	console_lock_take();
	fbcon_go_live();
	spin_unlock(&console_lock);
}

bool console_screen_live(void)
{
	return fbcon_live();
}

bool console_go_ahead(uint32_t timeout_us)
{
	deadline_t d = deadline_in_us(timeout_us);
	while (!deadline_passed(d))
		if (serial_getc(&console_port) >= 0)
			return true;
		else
			arch_cpu_relax();
	return false;
}

const char *console_screen_state(void)
{
	return fbcon_state();
}

/* How long the guest waits for the runner's go-ahead after drawing the last screen. */
#define CONSOLE_SCREEN_WAIT_US (10u * 1000 * 1000)

void console_finish(const char *verdict, const struct run_counts *counts)
{
	struct fbcon_counts c = {.known = counts != 0};
	if (counts) {
		c.passed = counts->passed;
		c.failed = counts->failed;
		c.skipped = counts->skipped;
		c.todo = counts->todo;
	}
	console_lock_take();
	bool drawn = fbcon_finish(verdict, &c);
	spin_unlock(&console_lock);
	if (!drawn)
		return;
	const struct fbcon_cost *cost = fbcon_cost();
	const char *mode = config_get("screen");
	bool wait = mode && !strcmp(mode, "wait");
	kprintf("# screen: drawn in %llu us (text %llu us for %llu bytes, live %llu us, clean %llu "
		"us)%s\n",
		(unsigned long long)time_ticks_to_us(cost->draw_ticks),
		(unsigned long long)time_ticks_to_us(cost->text_ticks),
		(unsigned long long)cost->bytes,
		(unsigned long long)time_ticks_to_us(cost->live_ticks),
		(unsigned long long)time_ticks_to_us(cost->clean_ticks),
		wait ? "; waiting for the go-ahead" : "");
	if (wait)
		console_go_ahead(CONSOLE_SCREEN_WAIT_US);
}

int kvprintf(const char *fmt, va_list ap)
{
	char buf[512];
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(buf, sizeof(buf), fmt, copy);
	va_end(copy);

	console_lock_take();
	if (n < (int)sizeof(buf)) {
		console_put_raw(buf, (size_t)n);
	} else {
		/* Longer than the buffer: print what fits and mark the cut. */
		console_put_raw(buf, sizeof(buf) - 1);
		console_put_raw("...[cut]\n", 9);
	}
	spin_unlock(&console_lock);
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

void kputs(const char *s)
{
	console_lock_take();
	console_put_raw(s, (size_t)-1);
	spin_unlock(&console_lock);
}
