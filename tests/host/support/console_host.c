/* SPDX-License-Identifier: MIT */
/* Host builds: the console is stdout. */
#include <stdio.h>

#include "kernel/console.h"

int kvprintf(const char *fmt, va_list ap)
{
	return vprintf(fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void kputs(const char *s)
{
	fputs(s, stdout);
}
