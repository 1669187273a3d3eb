/* SPDX-License-Identifier: MIT */
/* findings: storage, severity counts, overflow, truncation and the printed form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kernel/findings.h"

static struct findings fs;

static int setup(void **state)
{
	memset(&fs, 0xa5, sizeof(fs));
	findings_init(&fs);
	return 0;
}

/* Runs findings_print with stdout sent to a temporary file; returns what it printed. */
static char *print_captured(const struct findings *f)
{
	static char out[64 * 1024];
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	findings_print(f);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	rewind(tmp);
	size_t n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = 0;
	fclose(tmp);
	return out;
}

static void test_init_clears(void **state)
{
	assert_int_equal(fs.count, 0);
	assert_int_equal(fs.dropped, 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(fs.by_severity[i], 0);
}

static void test_add_stores_fields(void **state)
{
	finding_add(&fs, FINDING_WARNING, "DMAR", 0x30, "unit %d has %s", 2, "no scope");
	assert_int_equal(fs.count, 1);
	const struct finding *it = &fs.item[0];
	assert_int_equal(it->severity, FINDING_WARNING);
	assert_string_equal(it->source, "DMAR");
	assert_int_equal(it->offset, 0x30);
	assert_string_equal(it->text, "unit 2 has no scope");
}

static void test_counts_by_severity(void **state)
{
	finding_add(&fs, FINDING_INFO, "A", 0, "i1");
	finding_add(&fs, FINDING_ERROR, "B", 1, "e1");
	finding_add(&fs, FINDING_INFO, "C", 2, "i2");
	finding_add(&fs, FINDING_WARNING, "D", 3, "w1");
	finding_add(&fs, FINDING_ERROR, "E", 4, "e2");
	finding_add(&fs, FINDING_ERROR, "F", 5, "e3");
	assert_int_equal(fs.count, 6);
	assert_int_equal(fs.dropped, 0);
	assert_int_equal(fs.by_severity[FINDING_INFO], 2);
	assert_int_equal(fs.by_severity[FINDING_WARNING], 1);
	assert_int_equal(fs.by_severity[FINDING_ERROR], 3);
	/* Stored in order of arrival. */
	assert_string_equal(fs.item[1].text, "e1");
	assert_string_equal(fs.item[5].source, "F");
}

static void test_out_of_range_severity_is_error(void **state)
{
	finding_add(&fs, (enum finding_severity)7, "X", 0, "odd");
	assert_int_equal(fs.by_severity[FINDING_ERROR], 1);
	assert_int_equal(fs.item[0].severity, FINDING_ERROR);
}

static void test_overflow_counted_in_dropped(void **state)
{
	for (unsigned i = 0; i < FINDINGS_MAX + 5; i++)
		finding_add(&fs, i < FINDINGS_MAX ? FINDING_INFO : FINDING_ERROR, "T", i, "#%u", i);
	assert_int_equal(fs.count, FINDINGS_MAX);
	assert_int_equal(fs.dropped, 5);
	/* The severity counts include the dropped ones. */
	assert_int_equal(fs.by_severity[FINDING_INFO], FINDINGS_MAX);
	assert_int_equal(fs.by_severity[FINDING_ERROR], 5);
	char want[16];
	snprintf(want, sizeof(want), "#%u", FINDINGS_MAX - 1);
	assert_string_equal(fs.item[FINDINGS_MAX - 1].text, want);
	assert_int_equal(fs.item[FINDINGS_MAX - 1].offset, FINDINGS_MAX - 1);
}

static void test_null_list_accepted(void **state)
{
	finding_add(NULL, FINDING_ERROR, "DMAR", 0, "nobody listens: %d", 1);
	finding_add(NULL, FINDING_INFO, NULL, FINDING_NO_OFFSET, "x");
	assert_int_equal(fs.count, 0);
}

static void test_null_source_is_dash(void **state)
{
	finding_add(&fs, FINDING_INFO, NULL, 0, "x");
	assert_string_equal(fs.item[0].source, "-");
}

static void test_text_truncated(void **state)
{
	char longtext[FINDING_TEXT_MAX * 2];
	memset(longtext, 'a', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = 0;
	longtext[FINDING_TEXT_MAX - 2] = 'Z';
	finding_add(&fs, FINDING_INFO, "T", 0, "%s", longtext);
	assert_int_equal(strlen(fs.item[0].text), FINDING_TEXT_MAX - 1);
	assert_int_equal(fs.item[0].text[FINDING_TEXT_MAX - 2], 'Z');
	assert_memory_equal(fs.item[0].text, longtext, FINDING_TEXT_MAX - 1);

	/* Exactly fitting text is kept whole. */
	longtext[FINDING_TEXT_MAX - 1] = 0;
	finding_add(&fs, FINDING_INFO, "T", 0, "%s", longtext);
	assert_string_equal(fs.item[1].text, longtext);
}

static void test_source_truncated(void **state)
{
	finding_add(&fs, FINDING_INFO, "ABCDEFGHIJ", 0, "x");
	assert_string_equal(fs.item[0].source, "ABCDEFG");
	finding_add(&fs, FINDING_INFO, "VTD0123", 0, "x");
	assert_string_equal(fs.item[1].source, "VTD0123");
}

static void test_severity_names(void **state)
{
	assert_string_equal(finding_severity_name(FINDING_INFO), "info");
	assert_string_equal(finding_severity_name(FINDING_WARNING), "warning");
	assert_string_equal(finding_severity_name(FINDING_ERROR), "error");
	assert_string_equal(finding_severity_name((enum finding_severity)3), "?");
}

static void test_print_empty(void **state)
{
	assert_string_equal(print_captured(&fs), "");
}

static void test_print_format(void **state)
{
	finding_add(&fs, FINDING_ERROR, "DMAR", 0x48, "DRHD length %u too short", 8);
	finding_add(&fs, FINDING_INFO, "VTD0", FINDING_NO_OFFSET, "caching mode set");
	finding_add(&fs, FINDING_WARNING, "IORT", 0, "at offset zero");
	assert_string_equal(print_captured(&fs),
			    "# finding error DMAR+0x48: DRHD length 8 too short\n"
			    "# finding info VTD0: caching mode set\n"
			    "# finding warning IORT+0x0: at offset zero\n");
}

static void test_print_dropped_line(void **state)
{
	for (unsigned i = 0; i < FINDINGS_MAX + 3; i++)
		finding_add(&fs, FINDING_WARNING, "T", FINDING_NO_OFFSET, "n%u", i);
	const char *out = print_captured(&fs);
	unsigned lines = 0;
	for (const char *c = out; *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, FINDINGS_MAX + 1);
	assert_non_null(strstr(out, "# finding warning T: n0\n"));
	assert_null(strstr(out, "n256\n"));
	const char *tail =
		"# finding warning T: n255\n# finding warning -: 3 more findings not stored\n";
	size_t tl = strlen(tail), ol = strlen(out);
	assert_true(ol >= tl);
	assert_string_equal(out + ol - tl, tail);
}

/* A finding with a check id: "[id] " before the text, the consequence on its own lines. */
static void test_print_check(void **state)
{
	static const struct finding_check both = {"dmar.x", "it warns \"x\"", "intremap=off"};
	static const struct finding_check id_only = {"madt.y", 0, 0};
	finding_add_check(&fs, &both, FINDING_ERROR, "DMAR", 0x25, "flag %u", 1);
	finding_add_check(&fs, &id_only, FINDING_INFO, "APIC", FINDING_NO_OFFSET, "z");
	finding_add_check(&fs, NULL, FINDING_WARNING, "T", 0, "plain");
	assert_string_equal(finding_id(&fs.item[0]), "dmar.x");
	assert_ptr_equal(fs.item[1].check, &id_only);
	assert_null(finding_id(&fs.item[2]));
	assert_int_equal(fs.by_severity[FINDING_ERROR], 1);
	assert_string_equal(print_captured(&fs), "# finding error DMAR+0x25: [dmar.x] flag 1\n"
						 "#   linux: it warns \"x\"\n"
						 "#   linux-override: intremap=off\n"
						 "# finding info APIC: [madt.y] z\n"
						 "# finding warning T+0x0: plain\n");
	finding_add_check(NULL, &both, FINDING_ERROR, "DMAR", 0, "dropped");
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_init_clears),
		T(test_add_stores_fields),
		T(test_counts_by_severity),
		T(test_out_of_range_severity_is_error),
		T(test_overflow_counted_in_dropped),
		T(test_null_list_accepted),
		T(test_null_source_is_dash),
		T(test_text_truncated),
		T(test_source_truncated),
		T(test_severity_names),
		T(test_print_empty),
		T(test_print_format),
		T(test_print_check),
		T(test_print_dropped_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
