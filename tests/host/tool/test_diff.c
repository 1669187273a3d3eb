/* SPDX-License-Identifier: MIT */
/* doorbell-acpi --diff: exact lines for hand-built table pairs and a real firmware update. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "support_tool.h"
#include "tools/doorbell-acpi/acpi_diff.h"

static struct acpi_platform old_p, new_p;
static struct findings old_f, new_f;
static struct tool_lines out;

static void show(void)
{
	for (unsigned i = 0; i < out.count; i++)
		print_message("%s| %s\n", out.line[i].group, out.line[i].text);
}

static void expect(const char *group, const char *text)
{
	if (tool_lines_find(&out, group, text) < 0) {
		show();
		fail_msg("missing %s line: %s", group, text);
	}
}

static unsigned diff(void)
{
	tool_lines_init(&out);
	return acpi_diff(&old_p, &old_f, &new_p, &new_f, &out);
}

static void dmar_old(void)
{
	dmar_start(ACPI_DMAR_INTR_REMAP);
	dmar_drhd(0, 0, 0xfed90000, 1);
	dmar_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 2, 0);
	dmar_drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed91000, 1);
	dmar_scope(ACPI_DMAR_SCOPE_IOAPIC, 2, 0, 0x1e, 7);
}

static void test_same_tables_no_change(void **state)
{
	dmar_old();
	tool_parse(&old_p, &old_f, true);
	dmar_old();
	tool_parse(&new_p, &new_f, true);
	assert_int_equal(diff(), 0);
	assert_int_equal(out.count, 0);
}

/* Flags set, a scope added, the catch-all unit's register base moved, the IOAPIC's path changed. */
static void test_dmar_changes(void **state)
{
	dmar_old();
	tool_parse(&old_p, &old_f, true);
	dmar_start(ACPI_DMAR_INTR_REMAP | ACPI_DMAR_X2APIC_OPT_OUT |
		   ACPI_DMAR_DMA_CTRL_PLATFORM_OPT_IN);
	dmar_drhd(0, 0, 0xfed90000, 2);
	dmar_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 2, 0);
	dmar_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, 0, 0, 3, 0);
	dmar_drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed92000, 1);
	dmar_scope(ACPI_DMAR_SCOPE_IOAPIC, 2, 0xf0, 0x1f, 0);
	tool_parse(&new_p, &new_f, true);
	assert_int_equal(diff(), 6);
	assert_int_equal(tool_lines_in(&out, "DMAR"), 6);
	expect("DMAR", "+ flag X2APIC_OPT_OUT: Linux keeps xAPIC mode when it enables IR "
		       "(intremap=no_x2apic_optout overrides)");
	expect("DMAR", "+ flag DMA_CTRL_PLATFORM_OPT_IN: Linux turns the IOMMU on for untrusted "
		       "(external) devices even with intel_iommu=off");
	expect("DMAR", "~ DRHD 0000@0xfed91000: reg 0xfed91000 INCLUDE_PCI_ALL -> reg 0xfed92000 "
		       "INCLUDE_PCI_ALL");
	expect("DMAR", "+ DRHD 0000@0xfed90000 scope pci-endpoint 00:03.0");
	expect("DMAR", "- DRHD 0000@0xfed91000 scope ioapic 2 00:1e.7");
	expect("DMAR", "+ DRHD 0000@0xfed91000 scope ioapic 2 f0:1f.0");

	/* Back again: the flags cleared, with what that means. */
	assert_int_equal(acpi_diff(&new_p, &new_f, &old_p, &old_f, &out), 6);
	expect("DMAR", "- flag DMA_CTRL_PLATFORM_OPT_IN: Linux no longer forces the IOMMU on for "
		       "untrusted devices (no kernel DMA protection)");
}

/* A unit removed takes its scopes with it: one line. */
static void test_dmar_unit_removed(void **state)
{
	dmar_old();
	tool_parse(&old_p, &old_f, true);
	dmar_start(ACPI_DMAR_INTR_REMAP);
	dmar_drhd(ACPI_DMAR_DRHD_INCLUDE_PCI_ALL, 0, 0xfed91000, 1);
	dmar_scope(ACPI_DMAR_SCOPE_IOAPIC, 2, 0, 0x1e, 7);
	tool_parse(&new_p, &new_f, true);
	assert_int_equal(diff(), 1);
	expect("DMAR", "- DRHD 0000@0xfed90000 reg 0xfed90000 (1 scopes)");
}

/* The root complex now goes through an SMMUv3; an ITS id added. */
static void test_iort_changes(void **state)
{
	iort_start(2);
	uint32_t its = iort_its_group(0);
	iort_rc(0, 1);
	iort_map(0, 0xffff, 0, its);
	tool_parse(&old_p, &old_f, true);

	iort_start(3);
	its = iort_its_group(0);
	uint32_t smmu = iort_smmuv3(0x2b400000, 1);
	iort_map(0, 0xffff, 0x10000, its);
	iort_rc(0, 1);
	iort_map(0, 0xffff, 0, smmu);
	tool_parse(&new_p, &new_f, true);
	assert_int_equal(diff(), 2);
	expect("IORT", "~ RC seg 0 ids 0x0-0xffff: to ITS group 0 base 0x0 -> to "
		       "SMMUv3@0x2b400000 base 0x0");
	expect("IORT", "+ SMMUv3@0x2b400000 model 0 flags 0x0");
}

/* A CPU added, an I/O APIC gone, a segment's bus range shrunk. */
static void test_madt_mcfg_changes(void **state)
{
	madt_start();
	madt_lapic(0, 0, ACPI_MADT_CPU_ENABLED);
	madt_ioapic(2, 0xfec00000, 0);
	madt_ioapic(3, 0xfec01000, 24);
	tool_parse(&old_p, &old_f, true);
	mcfg_start();
	mcfg_entry(0xe0000000, 0, 0, 0xff);
	tool_parse(&old_p, &old_f, false);

	madt_start();
	madt_lapic(0, 0, ACPI_MADT_CPU_ENABLED);
	madt_lapic(1, 2, ACPI_MADT_CPU_ONLINE_CAPABLE);
	madt_ioapic(2, 0xfec00000, 0);
	tool_parse(&new_p, &new_f, true);
	mcfg_start();
	mcfg_entry(0xe0000000, 0, 0, 0x7f);
	tool_parse(&new_p, &new_f, false);
	assert_int_equal(diff(), 3);
	expect("MADT", "+ CPU APIC id 2 uid 1 online-capable");
	expect("MADT", "- I/O APIC id 3 0xfec01000 GSI base 24");
	expect("MCFG", "~ segment 0000 from bus 00: buses 00-ff ECAM 0xe0000000 -> buses 00-7f "
		       "ECAM 0xe0000000");
}

static const struct finding_check check_a = {"test.a", NULL, NULL};
static const struct finding_check check_b = {"test.b", NULL, NULL};

/* By check id: a finding that moved is no change; one more of an id is. */
static void test_findings_by_id(void **state)
{
	acpi_platform_init(&old_p);
	acpi_platform_init(&new_p);
	findings_init(&old_f);
	findings_init(&new_f);
	finding_add_check(&old_f, &check_a, FINDING_WARNING, "DMAR", 0x30, "first");
	finding_add_check(&old_f, &check_b, FINDING_ERROR, "DMAR", 0x40, "gone");
	finding_add_check(&new_f, &check_a, FINDING_WARNING, "DMAR", 0x38, "first, moved");
	assert_int_equal(diff(), 1);
	expect("findings", "- [test.b] 1 error gone");
	finding_add_check(&new_f, &check_b, FINDING_ERROR, "DMAR", 0x40, "gone");
	finding_add_check(&new_f, &check_a, FINDING_WARNING, "DMAR", 0x50, "again");
	assert_int_equal(diff(), 1);
	expect("findings", "~ [test.a]: 1 warning -> 2 warning");
}

static void load_corpus(const char *name, struct acpi_platform *p, struct findings *f)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/DMAR/%s.dat", CORPUS_DIR, name);
	uint32_t len;
	uint8_t *data = read_file(path, &len);
	assert_non_null(data);
	acpi_platform_init(p);
	findings_init(f);
	assert_int_equal(acpi_dmar_parse(data, len, &p->dmar, f), 0);
	p->has_dmar = true;
	free(data);
}

/* Two firmware versions of one machine (Dell Precision 7710): only the RMRRs moved. */
static void test_corpus_firmware_update(void **state)
{
	load_corpus("Dell-Precision_7710-145D17B24DF6", &old_p, &old_f);
	load_corpus("Dell-Precision_7710-928E0AC3976E", &new_p, &new_f);
	assert_int_equal(diff(), 2);
	expect("DMAR", "~ RMRR 0000 for pci-endpoint 00:14.0: 0x6b520000-0x6b53ffff -> "
		       "0x7b0c5000-0x7b0e4fff");
	expect("DMAR", "~ RMRR 0000 for pci-endpoint 00:02.0: 0x6d800000-0x6fffffff -> "
		       "0x7d800000-0x7fffffff");
	/* Dell Latitude 5420: the newer firmware dropped the DMA protection opt-in. */
	load_corpus("Dell-Latitude_5420-4A5F3D09D6FB", &old_p, &old_f);
	load_corpus("Dell-Latitude_5420-F185446A212C", &new_p, &new_f);
	assert_int_equal(diff(), 1);
	expect("DMAR", "- flag DMA_CTRL_PLATFORM_OPT_IN: Linux no longer forces the IOMMU on for "
		       "untrusted devices (no kernel DMA protection)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_tables_no_change),
		cmocka_unit_test(test_dmar_changes),
		cmocka_unit_test(test_dmar_unit_removed),
		cmocka_unit_test(test_iort_changes),
		cmocka_unit_test(test_madt_mcfg_changes),
		cmocka_unit_test(test_findings_by_id),
		cmocka_unit_test(test_corpus_firmware_update),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
