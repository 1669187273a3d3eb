/* SPDX-License-Identifier: MIT */
/* doorbell-acpi --coverage: exact ranges and flags for hand-built tables and a real machine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "support_tool.h"
#include "tools/doorbell-acpi/coverage.h"

static struct acpi_platform p;
static struct findings f;
static struct tool_lines out;

static void expect(const char *group, const char *text)
{
	if (tool_lines_find(&out, group, text) < 0) {
		for (unsigned i = 0; i < out.count; i++)
			print_message("%s| %s\n", out.line[i].group, out.line[i].text);
		fail_msg("missing %s line: %s", group, text);
	}
}

static struct coverage_summary cover(void)
{
	tool_lines_init(&out);
	return acpi_coverage(&p, &out);
}

/* Two units name 00:02.0, one names 00:03.0, no INCLUDE_PCI_ALL unit: the rest is uncovered. */
static void test_vtd_uncovered_and_twice(void **state)
{
	dmar_start(ACPI_DMAR_INTR_REMAP);
	dmar_drhd(0, 0, 0xfed90000, 1);
	dmar_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 2, 0);
	dmar_drhd(0, 0, 0xfed91000, 2);
	dmar_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 2, 0);
	dmar_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 3, 0);
	tool_parse(&p, &f, true);
	mcfg_start();
	mcfg_entry(0xe0000000, 0, 0, 1);
	tool_parse(&p, &f, false);
	struct coverage_summary s = cover();
	assert_int_equal(s.runs, 5);
	assert_int_equal(s.ids, 512);
	assert_int_equal(s.uncovered, 510);
	assert_int_equal(s.claimed_twice, 1);
	assert_int_equal(s.aliases, 0);
	assert_int_equal(tool_lines_in(&out, "DMAR"), 5);
	expect("DMAR", "0000:00:00.0-0000:00:01.7   none (no DRHD scope, no INCLUDE_PCI_ALL unit)");
	expect("DMAR", "0000:00:02.0                DRHD0 (0xfed90000) source-id=rid");
	expect("DMAR", "0000:00:03.0                DRHD1 (0xfed91000) source-id=rid");
	expect("DMAR", "0000:00:03.1-0000:01:1f.7   none (no DRHD scope, no INCLUDE_PCI_ALL unit)");
	assert_int_equal(tool_lines_in(&out, "flags"), 4);
	expect("flags", "! claimed twice 0000:00:02.0: DRHD0 (0xfed90000) and DRHD1 (0xfed91000)");
	expect("flags", "! uncovered 0000:00:02.1-0000:00:02.7: none (no DRHD scope, no "
			"INCLUDE_PCI_ALL unit)");
}

/* No MCFG: segment 0, buses 00-ff assumed and said; the catch-all takes what 00:02.0 does not. */
static void test_vtd_catch_all_no_mcfg(void **state)
{
	dmar_start(ACPI_DMAR_INTR_REMAP);
	dmar_drhd(0, 0, 0xfed90000, 1);
	dmar_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 2, 0);
	dmar_drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed91000, 0);
	tool_parse(&p, &f, true);
	struct coverage_summary s = cover();
	assert_int_equal(s.runs, 3);
	assert_int_equal(s.uncovered + s.claimed_twice + s.aliases, 0);
	expect("input", "no MCFG: assumed segment 0000, buses 00-ff (from the units' segments)");
	expect("DMAR", "0000:00:00.0-0000:00:01.7   DRHD1 (0xfed91000) source-id=rid");
	expect("DMAR", "0000:00:02.1-0000:ff:1f.7   DRHD1 (0xfed91000) source-id=rid");
}

/*
 * Bus 0 through an SMMUv3 (StreamID -> DeviceID + 0x10000), bus 1 straight to the ITS at
 * DeviceID 0x10000: the two buses alias; buses 2-3 have no mapping.
 */
static void test_iort_paths_and_alias(void **state)
{
	iort_start(3);
	uint32_t its = iort_its_group(0);
	uint32_t smmu = iort_smmuv3(0x2b400000, 1);
	iort_map(0, 0xffff, 0x10000, its);
	iort_rc(0, 2);
	iort_map(0, 0xff, 0, smmu);
	iort_map(0x100, 0xff, 0x10000, its);
	tool_parse(&p, &f, true);
	mcfg_start();
	mcfg_entry(0x40000000, 0, 0, 3);
	tool_parse(&p, &f, false);
	struct coverage_summary s = cover();
	assert_int_equal(s.runs, 3);
	assert_int_equal(s.uncovered, 512);
	assert_int_equal(s.claimed_twice, 0);
	assert_int_equal(s.aliases, 1);
	expect("IORT",
	       "0000:00                     RC0 -> SMMUv3@0x2b400000 sid=rid -> ITS group 0 "
	       "devid=rid+0x10000");
	expect("IORT", "0000:01                     RC0 -> ITS group 0 devid=rid+0xff00");
	expect("IORT", "0000:02-03                  RC0 -> none (no ID mapping)");
	assert_int_equal(tool_lines_in(&out, "flags"), 2);
	expect("flags", "! uncovered 0000:02-03: RC0 -> none (no ID mapping)");
	expect("flags",
	       "! alias 0000:00 and 0000:01: same DeviceID 0x10000-0x100ff on ITS group 0");
}

/*
 * Two ID mappings of the root complex over the same ids (0x80-0xff). The first mapping's last
 * id, 0xff, goes to the second one, as the parser reads a range that ends where the next starts
 * (NumIDs written as a count): 0x7f ids are claimed twice.
 */
static void test_iort_claimed_twice(void **state)
{
	iort_start(2);
	uint32_t its = iort_its_group(0);
	iort_rc(0, 2);
	iort_map(0, 0xff, 0, its);
	iort_map(0x80, 0xff, 0x1000, its);
	tool_parse(&p, &f, true);
	mcfg_start();
	mcfg_entry(0x40000000, 0, 0, 0);
	tool_parse(&p, &f, false);
	struct coverage_summary s = cover();
	assert_int_equal(s.claimed_twice, 0x7f);
	expect("flags", "! claimed twice 0000:00:10.0-0000:00:1f.6: two ID mappings of one root "
			"complex");
}

static void load(const char *dir, const char *name, bool fresh)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s/%s.dat", CORPUS_DIR, dir, name);
	uint32_t len;
	uint8_t *data = read_file(path, &len);
	assert_non_null(data);
	memcpy(tool_tb.buf, data, len < TB_MAX ? len : TB_MAX);
	if (fresh) {
		acpi_platform_init(&p);
		findings_init(&f);
	}
	assert_int_equal(corpus_parse_table(dir, data, len, &p, &f), 0);
	p.has_dmar |= !strcmp(dir, "DMAR");
	p.has_iort |= !strcmp(dir, "IORT");
	p.has_mcfg |= !strcmp(dir, "MCFG");
	free(data);
}

/* Real machines: a laptop's DMAR over its MCFG; an Ampere Altra's six root complexes. */
static void test_corpus(void **state)
{
	load("DMAR", "Dell-Latitude_5420-4A5F3D09D6FB", true);
	load("MCFG", "Dell-Latitude_5420-4A5F3D09D6FB", false);
	struct coverage_summary s = cover();
	assert_int_equal(s.runs, 6);
	assert_int_equal(s.uncovered + s.claimed_twice + s.aliases, 0);
	expect("DMAR", "0000:00:02.0                DRHD0 (0xfed90000) source-id=rid");
	expect("DMAR", "0000:00:07.2-0000:72:1f.7   DRHD3 (0xfed91000) source-id=rid");

	load("IORT", "Ampere-Altra_AVA_1-7b3620de", true);
	s = cover();
	assert_int_equal(s.runs, 6);
	assert_int_equal(s.uncovered + s.claimed_twice + s.aliases, 0);
	assert_int_equal(tool_lines_in(&out, "input"), 6);
	expect("IORT", "000d:00-ff                  RC1 -> SMMUv3@0x37ffe0000000 sid=rid -> ITS "
		       "group 1 devid=rid+0x10000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vtd_uncovered_and_twice),
		cmocka_unit_test(test_vtd_catch_all_no_mcfg),
		cmocka_unit_test(test_iort_paths_and_alias),
		cmocka_unit_test(test_iort_claimed_twice),
		cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
