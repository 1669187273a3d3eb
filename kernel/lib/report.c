/* SPDX-License-Identifier: MIT */
#include "kernel/report.h"

#include <stdarg.h>
#include <stdio.h>

#include "kernel/console.h"

void fact(const char *key, const char *fmt, ...)
{
	char value[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	kprintf("# fact %s=%s\n", key, value);
}
