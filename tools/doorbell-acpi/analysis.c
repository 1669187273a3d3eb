/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_platform.h"
#include "drivers/acpi/acpi_print.h"
#include "kernel/errno.h"
#include "tools/doorbell-acpi/capture.h"
#include "tools/doorbell-acpi/options.h"

/* tools/doorbell-acpi/policy_hook.c: prints the policy report, may add findings. */
void doorbell_acpi_policy(const struct acpi_tables *t, const struct acpi_platform *p,
			  struct findings *f);

/* One parse: a table set, the input index of each entry, its findings. */
struct parse_set {
	struct acpi_tables tables;
	int input_of[ACPI_MAX_TABLES];
	struct acpi_platform platform;
	struct findings findings;
};

void analysis_table_label(const struct input *in, int table, char *buf, unsigned size)
{
	if (table < 0) {
		snprintf(buf, size, "-");
		return;
	}
	const struct input_table *t = &in->table[table];
	char nth[16] = "";
	if (t->instance_in_file > 1)
		snprintf(nth, sizeof(nth), " #%u", t->instance_in_file);
	if (in->files > 1)
		snprintf(buf, size, "%s%s (%s)", t->sig, nth, t->file);
	else
		snprintf(buf, size, "%s%s", t->sig, nth);
}

static int set_add(struct parse_set *s, const struct input *in, int i)
{
	const struct input_table *t = &in->table[i];
	int err = acpi_tables_add(&s->tables, t->data, t->len, &s->findings);
	if (err)
		return err;
	s->tables.table[s->tables.count - 1].phys = t->phys;
	s->input_of[s->tables.count - 1] = i;
	return 0;
}

/* The input table a finding's source names within one set (signatures are unique there). */
static int set_table_of(const struct parse_set *s, const char *source)
{
	for (unsigned k = 0; k < s->tables.count; k++)
		if (!strncmp(s->tables.table[k].sig, source, 4) && strlen(source) == 4)
			return s->input_of[k];
	return -1;
}

static int analysis_add(struct analysis *a, int table, const struct finding *it)
{
	for (unsigned k = 0; k < a->count; k++) {
		struct tool_finding *g = &a->finding[k];
		if (g->table == table && g->severity == it->severity && g->check == it->check &&
		    !strcmp(g->text, it->text)) {
			g->count++;
			return 0;
		}
	}
	if (a->count == a->cap) {
		unsigned cap = a->cap ? a->cap * 2 : 64;
		struct tool_finding *n = realloc(a->finding, cap * sizeof(*n));
		if (!n)
			return -ENOMEM;
		a->finding = n;
		a->cap = cap;
	}
	struct tool_finding *g = &a->finding[a->count++];
	g->table = table;
	g->severity = it->severity;
	memcpy(g->source, it->source, sizeof(g->source));
	g->offset = it->offset;
	g->check = it->check;
	memcpy(g->text, it->text, sizeof(g->text));
	g->count = 1;
	return 0;
}

static int collect(struct analysis *a, const struct parse_set *s)
{
	const struct findings *f = &s->findings;
	for (unsigned k = 0; k < 3; k++)
		a->by_severity[k] += f->by_severity[k];
	a->dropped += f->dropped;
	for (unsigned k = 0; k < f->count; k++) {
		int err = analysis_add(a, set_table_of(s, f->item[k].source), &f->item[k]);
		if (err)
			return err;
	}
	return 0;
}

/* `# fact <family>.<key>=` lines speak for one table; "acpi." for the list. */
static const char *const fact_family[][2] = {
	{"dmar.", "DMAR"}, {"iort.", "IORT"}, {"fadt.", "FACP"}, {"madt.", "APIC"},
	{"mcfg.", "MCFG"}, {"ivrs.", "IVRS"}, {"hpet.", "HPET"}, {"spcr.", "SPCR"},
};

static bool fact_wanted(const char *key, const struct acpi_tables *t)
{
	for (unsigned i = 0; i < sizeof(fact_family) / sizeof(fact_family[0]); i++)
		if (!strncmp(key, fact_family[i][0], strlen(fact_family[i][0])))
			return acpi_table_find(t, fact_family[i][1], 0) != NULL;
	return true;
}

/* Keeps the fact lines of the tables present, in place. */
static void facts_filter(char *text, const struct acpi_tables *t)
{
	char *out = text;
	for (char *line = text; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
		static const char prefix[] = "# fact ";
		bool keep = strncmp(line, prefix, sizeof(prefix) - 1) ||
			    fact_wanted(line + sizeof(prefix) - 1, t);
		if (keep) {
			memmove(out, line, n);
			out += n;
		}
		line += n;
	}
	*out = '\0';
}

static void print_facts(void *arg)
{
	struct parse_set *s = arg;
	acpi_print_table_facts(&s->tables);
	acpi_print_facts(&s->platform);
}

static void run_policy(void *arg)
{
	struct parse_set *s = arg;
	doorbell_acpi_policy(&s->tables, &s->platform, &s->findings);
}

static void set_init(struct parse_set *s, bool complete)
{
	acpi_tables_init(&s->tables);
	findings_init(&s->findings);
	acpi_platform_init(&s->platform);
	s->platform.dmar_ims_bit = doorbell_acpi_options.ims_bit;
	s->platform.tables_complete = complete;
}

/* The first table of each signature: the machine as the guest would see it. */
static int run_platform(const struct input *in, struct analysis *a, struct parse_set *s)
{
	set_init(s, a->tables_complete);
	for (unsigned i = 0; i < in->count; i++) {
		if (in->table[i].instance != 1)
			continue;
		if (s->tables.count == ACPI_MAX_TABLES) {
			fprintf(stderr,
				"doorbell-acpi: more than %u different table signatures: the "
				"guest's table list (ACPI_MAX_TABLES) holds %u\n",
				ACPI_MAX_TABLES, ACPI_MAX_TABLES);
			return -ENOSPC;
		}
		int err = set_add(s, in, (int)i);
		if (err)
			return err;
	}
	acpi_platform_parse(&s->platform, &s->tables, &s->findings);
	a->facts = capture_stdout(print_facts, s);
	a->policy = capture_stdout(run_policy, s);
	if (!a->facts || !a->policy)
		return -ENOMEM;
	facts_filter(a->facts, &s->tables);
	return collect(a, s);
}

int analysis_run(const struct input *in, struct analysis *a)
{
	memset(a, 0, sizeof(*a));
	a->tables_complete = in->dump_loaded;
	struct parse_set *s = malloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	int err = run_platform(in, a, s);
	/* Every further table of a signature: checked alone, its findings its own. */
	for (unsigned i = 0; !err && i < in->count; i++) {
		if (in->table[i].instance == 1)
			continue;
		set_init(s, false);
		err = set_add(s, in, (int)i);
		if (!err) {
			acpi_platform_parse(&s->platform, &s->tables, &s->findings);
			err = collect(a, s);
		}
	}
	free(s);
	if (err == -ENOMEM)
		fprintf(stderr, "doorbell-acpi: out of memory\n");
	return err;
}
