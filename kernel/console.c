/* SPDX-License-Identifier: MIT */
/* The guest console: formatted output to the serial port, "\n" sent as CR LF. */
#include "kernel/console.h"

#include <stdio.h>

#include "drivers/serial/serial.h"
#include "kernel/console_init.h"
#include "kernel/spinlock.h"

static struct serial_port console_port;
static struct spinlock console_lock;

void console_init(uint64_t spcr_base)
{
	serial_init(&console_port, spcr_base);
}

const struct serial_port *console_serial(void)
{
	return &console_port;
}

static void put_raw(const char *s, size_t n)
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

	spin_lock(&console_lock);
	if (n < (int)sizeof(buf)) {
		put_raw(buf, (size_t)n);
	} else {
		/* Long output: format twice, emitting the tail past the buffer. */
		put_raw(buf, sizeof(buf) - 1);
		put_raw("...[cut]\n", 9);
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
	spin_lock(&console_lock);
	put_raw(s, (size_t)-1);
	spin_unlock(&console_lock);
}
