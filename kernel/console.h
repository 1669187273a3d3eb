/* SPDX-License-Identifier: MIT */
/*
 * Console output. In the guest it goes to the serial port; host builds
 * (unit tests, doorbell-acpi) link a version that writes to stdout.
 */
#ifndef DOORBELL_CONSOLE_H
#define DOORBELL_CONSOLE_H

#include <stdarg.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void kputs(const char *s); /* no newline added */

#endif
