/* SPDX-License-Identifier: MIT */
/* An input of --diff and --coverage may be a directory: one firmware version's tables. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tools/doorbell-acpi/modes.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int doorbell_acpi_each_file(const char *path, int (*load_file)(const char *path))
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return load_file(path);
	DIR *dir = opendir(path);
	if (!dir) {
		fprintf(stderr, "doorbell-acpi: %s: cannot read the directory\n", path);
		return -1;
	}
	char **names = NULL;
	size_t count = 0, cap = 0;
	int status = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		if (e->d_name[0] == '.')
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			char **nn = realloc(names, cap * sizeof(*names));
			if (!nn) {
				status = -1;
				break;
			}
			names = nn;
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		names[count] = malloc(len);
		if (!names[count]) {
			status = -1;
			break;
		}
		snprintf(names[count++], len, "%s/%s", path, e->d_name);
	}
	closedir(dir);
	if (count)
		qsort(names, count, sizeof(*names), by_name);
	for (size_t i = 0; i < count; i++) {
		if (!status && stat(names[i], &st) == 0 && S_ISREG(st.st_mode) &&
		    load_file(names[i]))
			status = -1;
		free(names[i]);
	}
	free(names);
	return status;
}
