/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/acpi_diff.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int diff_item(struct diff_items *l, int parent, const char *key, const char *fmt, ...)
{
	if (l->count >= DIFF_ITEMS_MAX) {
		l->overflow = true;
		return -1;
	}
	struct diff_item *it = &l->item[l->count];
	snprintf(it->key, sizeof(it->key), "%s", key);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(it->val, sizeof(it->val), fmt, ap);
	va_end(ap);
	it->note[0] = 0;
	it->parent = parent;
	return (int)l->count++;
}

void diff_unique_key(const struct diff_items *l, char *key, size_t len)
{
	char base[DIFF_KEY_LEN];
	snprintf(base, sizeof(base), "%s", key);
	for (unsigned n = 2; n < 1000; n++) {
		bool seen = false;
		for (unsigned i = 0; i < l->count && !seen; i++)
			seen = !strcmp(l->item[i].key, key);
		if (!seen)
			return;
		snprintf(key, len, "%.88s #%u", base, n);
	}
}

void diff_note(struct diff_items *l, int idx, const char *fmt, ...)
{
	if (idx < 0 || (unsigned)idx >= l->count)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->item[idx].note, sizeof(l->item[idx].note), fmt, ap);
	va_end(ap);
}

static int diff_find(const struct diff_items *l, const char *key)
{
	for (unsigned i = 0; i < l->count; i++)
		if (!strcmp(l->item[i].key, key))
			return (int)i;
	return -1;
}

/* True when the item's parent is missing from the other list: the parent's line says it. */
static bool diff_parent_missing(const struct diff_items *l, const struct diff_item *it,
				const struct diff_items *other)
{
	if (it->parent < 0 || (unsigned)it->parent >= l->count)
		return false;
	return diff_find(other, l->item[it->parent].key) < 0;
}

static void diff_one_side(const struct diff_items *from, const struct diff_items *to, char sign,
			  const char *group, struct tool_lines *out, unsigned *n)
{
	for (unsigned i = 0; i < from->count; i++) {
		const struct diff_item *it = &from->item[i];
		if (diff_find(to, it->key) >= 0 || diff_parent_missing(from, it, to))
			continue;
		tool_lines_add(out, group, "%c %s%s%s%s%s", sign, it->key, it->val[0] ? " " : "",
			       it->val, it->note[0] ? " " : "", it->note);
		(*n)++;
	}
}

unsigned diff_items_compare(const struct diff_items *a, const struct diff_items *b,
			    const char *group, struct tool_lines *out)
{
	unsigned n = 0;
	diff_one_side(a, b, '-', group, out, &n);
	for (unsigned i = 0; i < b->count; i++) {
		int j = diff_find(a, b->item[i].key);
		if (j < 0 || !strcmp(a->item[j].val, b->item[i].val))
			continue;
		tool_lines_add(out, group, "~ %s: %s -> %s", b->item[i].key, a->item[j].val,
			       b->item[i].val);
		n++;
	}
	diff_one_side(b, a, '+', group, out, &n);
	if (a->overflow || b->overflow) {
		tool_lines_add(out, group, "~ (more than %u items: the rest is not compared)",
			       DIFF_ITEMS_MAX);
		n++;
	}
	return n;
}

static struct diff_items old_items, new_items;

/* One table: present on both sides compared item by item, else one line for the table. */
static unsigned diff_table(const char *group, bool old_has, bool new_has,
			   const struct acpi_platform *old_p, const struct acpi_platform *new_p,
			   diff_items_fn *items, struct tool_lines *out)
{
	if (!old_has && !new_has)
		return 0;
	if (old_has != new_has) {
		tool_lines_add(out, group, "%c %s table", new_has ? '+' : '-', group);
		return 1;
	}
	old_items.count = new_items.count = 0;
	old_items.overflow = new_items.overflow = false;
	items(old_p, new_p, false, &old_items);
	items(new_p, old_p, true, &new_items);
	return diff_items_compare(&old_items, &new_items, group, out);
}

unsigned acpi_diff(const struct acpi_platform *old_p, const struct findings *old_f,
		   const struct acpi_platform *new_p, const struct findings *new_f,
		   struct tool_lines *out)
{
	unsigned n = 0;
	if (old_p->has_dmar && new_p->has_dmar)
		n += diff_dmar_flags(old_p, new_p, out);
	n += diff_table("DMAR", old_p->has_dmar, new_p->has_dmar, old_p, new_p, diff_dmar_items,
			out);
	n += diff_table("IORT", old_p->has_iort, new_p->has_iort, old_p, new_p, diff_iort_items,
			out);
	n += diff_table("MADT", old_p->has_madt, new_p->has_madt, old_p, new_p, diff_madt_items,
			out);
	n += diff_table("MCFG", old_p->has_mcfg, new_p->has_mcfg, old_p, new_p, diff_mcfg_items,
			out);
	old_items.count = new_items.count = 0;
	old_items.overflow = new_items.overflow = false;
	diff_findings_items(old_f, &old_items);
	diff_findings_items(new_f, &new_items);
	n += diff_items_compare(&old_items, &new_items, "findings", out);
	return n;
}
