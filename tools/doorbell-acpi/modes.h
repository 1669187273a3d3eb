/* SPDX-License-Identifier: MIT */
/* doorbell-acpi's --diff and --coverage commands (diff_cmd.c, coverage_cmd.c). */
#ifndef DOORBELL_ACPI_MODES_H
#define DOORBELL_ACPI_MODES_H

#include <stdbool.h>

#include "drivers/acpi/acpi_tables.h"
#include "kernel/findings.h"

/*
 * Loads paths (raw tables, acpidump dumps, directories of them) as one
 * machine's tables into t, with the loader's findings in f; complete is
 * true when an acpidump was read. Returns 0, or 2 when an input is
 * unreadable. main.c provides it.
 */
typedef int doorbell_acpi_load_fn(char *const *paths, int n, struct acpi_tables *t,
				  struct findings *f, bool *complete);

/* Calls load_file on path, or on each regular file of the directory path in name order. */
int doorbell_acpi_each_file(const char *path, int (*load_file)(const char *path));

/* --diff OLD NEW: exit status 0 same meaning, 1 changed, 2 unreadable input. */
int doorbell_acpi_diff_main(const char *old_path, const char *new_path, doorbell_acpi_load_fn *load,
			    unsigned ims_bit);

/* --coverage FILE...: exit status 0 no flag, 1 flags, 2 unreadable input. */
int doorbell_acpi_coverage_main(char *const *paths, int n, doorbell_acpi_load_fn *load,
				unsigned ims_bit);

#endif
