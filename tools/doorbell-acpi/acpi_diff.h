/* SPDX-License-Identifier: MIT */
/*
 * doorbell-acpi --diff: what changed in meaning between two firmware
 * versions' tables. Both sides are parsed by the guest's parsers; the
 * comparison is over what the parsers understood (units, scopes, ID
 * mappings, CPUs, segments, findings by check id), never over bytes.
 *
 * Each table is turned into items, a key (what the thing is: "DRHD
 * 0000@0xfed90000", "RC seg 0 ids 0x0-0xffff") and a value (what it
 * says about it). A key only in the new version is a '+' line, only in
 * the old one a '-' line, in both with different values a '~' line.
 * An item may have a parent (a scope's unit): a parent's '+'/'-' stands
 * for its children's.
 */
#ifndef DOORBELL_ACPI_DIFF_H
#define DOORBELL_ACPI_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/acpi/acpi_platform.h"
#include "kernel/findings.h"
#include "tools/doorbell-acpi/tool_lines.h"

#define DIFF_KEY_LEN   96
#define DIFF_VAL_LEN   112
#define DIFF_ITEMS_MAX 2048

struct diff_item {
	char key[DIFF_KEY_LEN];
	char val[DIFF_VAL_LEN];
	char note[64]; /* shown on '+'/'-' lines only (a unit's scope count) */
	int parent;    /* index in the same list, or -1 */
};

struct diff_items {
	unsigned count;
	bool overflow;
	struct diff_item item[DIFF_ITEMS_MAX];
};

/*
 * Adds one line per change in meaning from (old_p, old_f) to (new_p,
 * new_f) to out, in groups DMAR, IORT, MADT, MCFG and findings. Returns
 * the number of changes (0: the same meaning).
 */
unsigned acpi_diff(const struct acpi_platform *old_p, const struct findings *old_f,
		   const struct acpi_platform *new_p, const struct findings *new_f,
		   struct tool_lines *out);

/* Adds an item; returns its index, or -1 when the list is full (overflow set). */
int diff_item(struct diff_items *l, int parent, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Makes key unique in l: a second thing of the same name gets " #2", and so on. */
void diff_unique_key(const struct diff_items *l, char *key, size_t len);

/* Sets the note of item idx (ignored when idx is -1). */
void diff_note(struct diff_items *l, int idx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The '+', '-' and '~' lines from a to b in group; returns how many. */
unsigned diff_items_compare(const struct diff_items *a, const struct diff_items *b,
			    const char *group, struct tool_lines *out);

/*
 * Per-table item builders (diff_dmar.c, diff_iort.c, diff_madt.c,
 * diff_mcfg.c): the items of p; other is the version p is compared with
 * and is_new says whether p is the newer one (for keys that both sides
 * must agree on, as a unit whose register base moved).
 */
typedef void diff_items_fn(const struct acpi_platform *p, const struct acpi_platform *other,
			   bool is_new, struct diff_items *l);
diff_items_fn diff_dmar_items, diff_iort_items, diff_madt_items, diff_mcfg_items;
void diff_findings_items(const struct findings *f, struct diff_items *l);

/*
 * The DMAR flags set or cleared, with what that means for Linux (VT-d
 * §8.1); the '+'/'-' lines go to group "DMAR". Returns how many.
 */
unsigned diff_dmar_flags(const struct acpi_platform *old_p, const struct acpi_platform *new_p,
			 struct tool_lines *out);

#endif
