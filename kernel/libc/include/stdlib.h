/* SPDX-License-Identifier: MIT */
/* Guest-only subset of <stdlib.h>. */
#ifndef DOORBELL_LIBC_STDLIB_H
#define DOORBELL_LIBC_STDLIB_H

#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#endif
