/* SPDX-License-Identifier: MIT */
/*
 * doorbell-acpi's input: every table of every file, in command-line order,
 * in a list that grows as needed (no table limit on the host).
 */
#ifndef DOORBELL_ACPI_INPUT_H
#define DOORBELL_ACPI_INPUT_H

#include <stdbool.h>
#include <stdint.h>

struct input_table {
	const char *file; /* as given on the command line */
	const uint8_t *data;
	uint32_t len;  /* the header's length field, checked against the bytes read */
	uint64_t phys; /* from an acpidump's "SIGN @ 0x..." line, else 0 */
	char sig[5];
	unsigned instance;         /* 1 for the first table of its signature, 2, 3, ... */
	unsigned instance_in_file; /* the same, counted within its file */
};

struct input {
	struct input_table *table;
	unsigned count, cap;
	unsigned files;
	bool dump_loaded; /* an acpidump text: the machine's complete set of tables */
};

/* Reads one file (raw table or acpidump text). Returns 0 or -errno, said on stderr. */
int input_load_file(struct input *in, const char *path);

#endif
