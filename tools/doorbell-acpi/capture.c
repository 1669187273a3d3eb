/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/capture.h"

#include <stdio.h>
#include <stdlib.h>

char *capture_stdout(void (*fn)(void *arg), void *arg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return NULL;
	fflush(stdout);
	/* glibc's stdout is an ordinary variable (glibc manual, "Standard Streams"). */
	FILE *saved = stdout;
	stdout = mem;
	fn(arg);
	stdout = saved;
	if (fclose(mem)) {
		free(text);
		return NULL;
	}
	return text;
}
