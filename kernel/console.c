/* SPDX-License-Identifier: MIT */
/* The guest console: formatted output to the serial port, "\n" sent as CR LF. */
#include "kernel/console.h"

#include <stdio.h>

#include "drivers/serial/serial.h"
#include "kernel/console_init.h"
#include "kernel/spinlock.h"

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

static void console_put_raw(const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		if (s[i] == '\n')
			serial_putc(&console_port, '\r');
		serial_putc(&console_port, s[i]);
	}
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
