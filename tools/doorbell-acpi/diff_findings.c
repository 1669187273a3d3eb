/* SPDX-License-Identifier: MIT */
/*
 * --diff of the findings: by check id (the ids the corpus golden file
 * counts), so that a finding that moved in the table is no change; a
 * finding without an id by its source and text.
 */
#include <stdio.h>
#include <string.h>

#include "tools/doorbell-acpi/acpi_diff.h"

void diff_findings_items(const struct findings *f, struct diff_items *l)
{
	char key[DIFF_KEY_LEN];
	for (unsigned i = 0; i < f->count; i++) {
		const struct finding *it = &f->item[i];
		const char *id = finding_id(it);
		if (id)
			snprintf(key, sizeof(key), "[%s]", id);
		else
			snprintf(key, sizeof(key), "%s: %s", it->source, it->text);
		int seen = -1;
		for (unsigned k = 0; k < l->count && seen < 0; k++)
			if (!strcmp(l->item[k].key, key))
				seen = (int)k;
		if (seen >= 0) {
			/* Value "<n> <severity>": the count grows. */
			unsigned n = 0;
			sscanf(l->item[seen].val, "%u", &n);
			snprintf(l->item[seen].val, sizeof(l->item[seen].val), "%u %s", n + 1,
				 finding_severity_name(it->severity));
			continue;
		}
		int idx = diff_item(l, -1, key, "1 %s", finding_severity_name(it->severity));
		if (id)
			diff_note(l, idx, "%.62s", it->text);
	}
}
