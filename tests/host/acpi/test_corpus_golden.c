/* SPDX-License-Identifier: MIT */
/*
 * The corpus golden file: every table of the firmware corpus through its
 * parser, and every machine's tables through the cross-table checks; the
 * findings counted by check id and compared with
 * tests/host/acpi/corpus_findings.golden. A difference fails with a diff
 * ("-" golden, "+" now); `make corpus-golden` writes the file anew.
 *
 * Machines come from MANIFEST.tsv's source_repo and source_path (a
 * linuxhw dump "<ID>" and "<ID>.bin" are one machine; elsewhere the
 * directory, and for QEMU's test tables the variant and commit). Identical
 * tables are stored once, under the first machine that had them, so some
 * machines lack some tables: the cross checks run on the tables a machine
 * has, as a selection (tables_complete false).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_cross.h"
#include "drivers/acpi/acpi_platform.h"
#include "support_acpi.h"

#define GOLDEN_PATH TOP_DIR "/tests/host/acpi/corpus_findings.golden"
#define ACTUAL_PATH TOP_DIR "/build/host/corpus_findings.actual"

#define MAX_ROWS     4096
#define MAX_MACHINES 2048
#define MAX_KEYS     512
#define KEY_LEN      96
#define MAX_LINES    1024

struct row {
	char file[160];
	char sig[5];
	int machine;
};

struct machine {
	char key[320];
	int dmar, apic, ivrs, iort; /* row index of the first table of each, or -1 */
};

/* One counted id: findings, the tables (or machines) they were on, the first two examples. */
struct tally {
	char key[KEY_LEN];
	unsigned findings, where;
	char example[2][160];
};

static struct row rows[MAX_ROWS];
static unsigned row_count;
static struct machine machines[MAX_MACHINES];
static unsigned machine_count;
static struct tally tallies[MAX_KEYS];
static unsigned tally_count;
static struct acpi_platform plat; /* large: static */
static struct findings fs;

/* The machine a manifest row belongs to (see the file comment). */
static void machine_key(const char *repo, const char *path, char *out, size_t n)
{
	char p[300];
	snprintf(p, sizeof(p), "%s", path);
	size_t l = strlen(p);
	if (!strcmp(repo, "linuxhw/ACPI")) {
		if (l > 4 && !strcmp(p + l - 4, ".bin"))
			p[l - 4] = 0;
	} else if (!strcmp(repo, "openeuler-mirror/qemu")) {
		/* tests/data/acpi/q35/APIC.xapic@b59a898458ae -> q35 + xapic@b59a898458ae */
		char *slash = strrchr(p, '/');
		char *base = slash ? slash + 1 : p;
		char *dot = strchr(base, '.'), *at = strchr(base, '@');
		char variant[120];
		if (dot)
			snprintf(variant, sizeof(variant), "%s", dot + 1);
		else
			snprintf(variant, sizeof(variant), "default%s", at ? at : "");
		*base = 0;
		snprintf(out, n, "%s|%s%s", repo, p, variant);
		return;
	} else {
		char *slash = strrchr(p, '/');
		if (slash)
			*slash = 0;
	}
	snprintf(out, n, "%s|%s", repo, p);
}

static int machine_of(const char *key)
{
	for (unsigned i = 0; i < machine_count; i++)
		if (!strcmp(machines[i].key, key))
			return (int)i;
	assert_true(machine_count < MAX_MACHINES);
	struct machine *m = &machines[machine_count];
	snprintf(m->key, sizeof(m->key), "%s", key);
	m->dmar = m->apic = m->ivrs = m->iort = -1;
	return (int)machine_count++;
}

static void read_manifest(void)
{
	FILE *fp = fopen(CORPUS_DIR "/MANIFEST.tsv", "r");
	assert_non_null(fp);
	char line[1024];
	assert_non_null(fgets(line, sizeof(line), fp)); /* the header */
	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\r\n")] = 0;
		char *col[9];
		unsigned n = 0;
		for (char *s = line; n < 9; n++) {
			col[n] = s;
			char *tab = strchr(s, '\t');
			if (!tab) {
				n++;
				break;
			}
			*tab = 0;
			s = tab + 1;
		}
		assert_int_equal(n, 9);
		assert_true(row_count < MAX_ROWS);
		struct row *r = &rows[row_count];
		snprintf(r->file, sizeof(r->file), "%s", col[0]);
		snprintf(r->sig, sizeof(r->sig), "%s", col[1]);
		char key[320];
		machine_key(col[7], col[8], key, sizeof(key));
		r->machine = machine_of(key);
		struct machine *m = &machines[r->machine];
		int *slot = !strcmp(r->sig, "DMAR")   ? &m->dmar
			    : !strcmp(r->sig, "APIC") ? &m->apic
			    : !strcmp(r->sig, "IVRS") ? &m->ivrs
			    : !strcmp(r->sig, "IORT") ? &m->iort
						      : NULL;
		/* The first table of a signature is the one an OS uses ("-2" is a second one). */
		if (slot && (*slot < 0 || strstr(rows[*slot].file, "-2.dat")))
			*slot = (int)row_count;
		row_count++;
	}
	fclose(fp);
}

static struct tally *tally_get(const char *key)
{
	for (unsigned i = 0; i < tally_count; i++)
		if (!strcmp(tallies[i].key, key))
			return &tallies[i];
	assert_true(tally_count < MAX_KEYS);
	struct tally *t = &tallies[tally_count++];
	memset(t, 0, sizeof(*t));
	snprintf(t->key, sizeof(t->key), "%s", key);
	return t;
}

/* Counts f's findings under prefix ("table" or "cross"), example named by example(). */
static void tally_findings(const char *prefix, const struct findings *f,
			   const char *(*example)(const struct finding *, void *), void *ctx)
{
	struct tally *seen[FINDINGS_MAX];
	unsigned nseen = 0;
	assert_int_equal(f->dropped, 0);
	for (unsigned i = 0; i < f->count; i++) {
		const struct finding *it = &f->item[i];
		const char *id = finding_id(it);
		char key[KEY_LEN];
		if (id)
			snprintf(key, sizeof(key), "%s %s %s", prefix, id,
				 finding_severity_name(it->severity));
		else
			snprintf(key, sizeof(key), "%s (no-id:%s) %s", prefix, it->source,
				 finding_severity_name(it->severity));
		struct tally *t = tally_get(key);
		t->findings++;
		bool counted = false;
		for (unsigned k = 0; k < nseen; k++)
			counted |= seen[k] == t;
		if (!counted) {
			seen[nseen++] = t;
			t->where++;
			if (t->where <= 2)
				snprintf(t->example[t->where - 1], sizeof(t->example[0]), "%s",
					 example(it, ctx));
		}
	}
}

static uint8_t *load_row(int r, uint32_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", CORPUS_DIR, rows[r].file);
	uint8_t *p = read_file(path, len);
	assert_non_null(p);
	return p;
}

static const char *example_table(const struct finding *it, void *ctx)
{
	return ctx;
}

struct cross_ctx {
	const char *dmar, *apic, *ivrs, *iort;
};

/* A cross finding's example: the file of the table its source names. */
static const char *example_cross(const struct finding *it, void *ctx)
{
	const struct cross_ctx *c = ctx;
	if (!strcmp(it->source, "IVRS") && c->ivrs)
		return c->ivrs;
	if (!strcmp(it->source, "IORT") && c->iort)
		return c->iort;
	return !strcmp(it->source, "APIC") && c->apic ? c->apic : c->dmar ? c->dmar : c->apic;
}

static void run_tables(void)
{
	for (unsigned r = 0; r < row_count; r++) {
		uint32_t len;
		uint8_t *data = load_row((int)r, &len);
		findings_init(&fs);
		assert_int_equal(corpus_parse_table(rows[r].sig, data, len, &plat, &fs), 0);
		tally_findings("table", &fs, example_table, rows[r].file);
		free(data);
	}
}

/* Returns the number of machines the cross checks ran on (DMAR and APIC both there). */
static unsigned run_cross(unsigned *with_dmar, unsigned *with_apic, unsigned *apic_no_iommu)
{
	unsigned both = 0;
	for (unsigned i = 0; i < machine_count; i++) {
		const struct machine *m = &machines[i];
		*with_dmar += m->dmar >= 0;
		*with_apic += m->apic >= 0;
		*apic_no_iommu += m->apic >= 0 && m->dmar < 0 && m->ivrs < 0;
		acpi_platform_init(&plat);
		plat.tables_complete = false;
		uint8_t *dmar = NULL, *apic = NULL;
		uint32_t len;
		if (m->dmar >= 0) {
			dmar = load_row(m->dmar, &len);
			plat.has_dmar = acpi_dmar_parse(dmar, len, &plat.dmar, NULL) == 0;
		}
		if (m->apic >= 0) {
			apic = load_row(m->apic, &len);
			plat.has_madt = acpi_madt_parse(apic, len, &plat.madt, NULL) == 0;
		}
		uint8_t *ivrs = NULL;
		if (m->ivrs >= 0) {
			ivrs = load_row(m->ivrs, &len);
			plat.has_ivrs = acpi_ivrs_parse(ivrs, len, &plat.ivrs, NULL) == 0;
		}
		uint8_t *iort = NULL;
		if (m->iort >= 0) {
			iort = load_row(m->iort, &len);
			plat.has_iort = acpi_iort_parse(iort, len, &plat.iort, NULL) == 0;
		}
		both += plat.has_dmar && plat.has_madt;
		findings_init(&fs);
		acpi_cross_check(&plat, &fs);
		struct cross_ctx ctx = {m->dmar >= 0 ? rows[m->dmar].file : NULL,
					m->apic >= 0 ? rows[m->apic].file : NULL,
					m->ivrs >= 0 ? rows[m->ivrs].file : NULL,
					m->iort >= 0 ? rows[m->iort].file : NULL};
		tally_findings("cross", &fs, example_cross, &ctx);
		free(dmar);
		free(apic);
		free(ivrs);
		free(iort);
	}
	return both;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The golden text: header, machine counts, then one sorted line per key. */
static char *render(unsigned both, unsigned with_dmar, unsigned with_apic, unsigned apic_no_iommu)
{
	static char text[256 * 1024];
	static char line_buf[MAX_KEYS][512];
	const char *lines[MAX_KEYS];
	size_t n = 0;
	n += (size_t)snprintf(
		text + n, sizeof(text) - n,
		"# Findings over the firmware corpus (../shared/corpus/acpi), by check "
		"id.\n"
		"# Written by tests/host/acpi/test_corpus_golden.c; `make corpus-golden` "
		"rewrites it.\n"
		"# table <id> <severity>: findings, tables they are on, first example\n"
		"# cross <id> <severity>: findings, machines they are on, first example\n"
		"tables %u\nmachines %u\nmachines.dmar %u\nmachines.apic %u\n"
		"machines.dmar+apic %u\nmachines.apic-without-dmar-or-ivrs %u\n",
		row_count, machine_count, with_dmar, with_apic, both, apic_no_iommu);
	for (unsigned i = 0; i < tally_count; i++) {
		const struct tally *t = &tallies[i];
		snprintf(line_buf[i], sizeof(line_buf[i]), "%s findings=%u %s=%u examples=%s%s%s",
			 t->key, t->findings, !strncmp(t->key, "cross", 5) ? "machines" : "tables",
			 t->where, t->example[0], t->example[1][0] ? "," : "", t->example[1]);
		lines[i] = line_buf[i];
	}
	qsort(lines, tally_count, sizeof(lines[0]), cmp_line);
	for (unsigned i = 0; i < tally_count; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s\n", lines[i]);
	assert_true(n < sizeof(text));
	return text;
}

static bool write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	if (!fp)
		return false;
	fputs(text, fp);
	return fclose(fp) == 0;
}

/* Splits text into lines in place; returns the count. */
static unsigned split(char *text, char **lines, unsigned max)
{
	unsigned n = 0;
	for (char *s = text; *s && n < max;) {
		char *nl = strchr(s, '\n');
		lines[n++] = s;
		if (!nl)
			break;
		*nl = 0;
		s = nl + 1;
	}
	return n;
}

/* Prints a line diff (golden "-", now "+") of two texts; returns the differing lines. */
static unsigned diff(char *golden, char *now)
{
	static char *a[MAX_LINES], *b[MAX_LINES];
	unsigned na = split(golden, a, MAX_LINES), nb = split(now, b, MAX_LINES), i = 0, j = 0,
		 d = 0;
	while (i < na || j < nb) {
		if (i < na && j < nb && !strcmp(a[i], b[j])) {
			i++, j++;
			continue;
		}
		/* A line further on in the other text resynchronises; else both changed. */
		bool a_later = false, b_later = false;
		for (unsigned k = j; i < na && k < nb && !a_later; k++)
			a_later = !strcmp(a[i], b[k]);
		for (unsigned k = i; j < nb && k < na && !b_later; k++)
			b_later = !strcmp(b[j], a[k]);
		if (i < na && !a_later) {
			printf("# golden diff: -%s\n", a[i++]);
			d++;
		}
		if (j < nb && !b_later) {
			printf("# golden diff: +%s\n", b[j++]);
			d++;
		}
		if (a_later && b_later) { /* a swap: take the golden side */
			printf("# golden diff: -%s\n", a[i++]);
			d++;
		}
	}
	return d;
}

static void test_corpus_golden(void **state)
{
	read_manifest();
	assert_int_equal(row_count, 2014);
	run_tables();
	unsigned with_dmar = 0, with_apic = 0, apic_no_iommu = 0;
	unsigned both = run_cross(&with_dmar, &with_apic, &apic_no_iommu);
	char *now = render(both, with_dmar, with_apic, apic_no_iommu);
	const char *update = getenv("DOORBELL_GOLDEN_UPDATE");
	if (update && !strcmp(update, "1")) {
		assert_true(write_text(GOLDEN_PATH, now));
		printf("# corpus golden: wrote %s\n", GOLDEN_PATH);
		return;
	}
	uint32_t len = 0;
	uint8_t *golden = read_file(GOLDEN_PATH, &len);
	if (!golden)
		fail_msg("no %s: run `make corpus-golden`", GOLDEN_PATH);
	char *g = malloc(len + 1);
	assert_non_null(g);
	memcpy(g, golden, len);
	g[len] = 0;
	free(golden);
	if (strcmp(g, now)) {
		write_text(ACTUAL_PATH, now);
		static char copy[256 * 1024];
		snprintf(copy, sizeof(copy), "%s", now);
		unsigned d = diff(g, copy);
		free(g);
		fail_msg("corpus findings differ from %s in %u lines (now in %s); if the change is "
			 "right: make corpus-golden",
			 GOLDEN_PATH, d, ACTUAL_PATH);
	}
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
