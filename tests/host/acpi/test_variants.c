/* SPDX-License-Identifier: MIT */
/*
 * The iasl-compiled table variants of tools/acpi/ (build/acpi/NAME.aml, or
 * $DOORBELL_ACPI_AML_DIR): each gives exactly the expected findings.
 * Skipped, with a message, when they have not been built.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "drivers/acpi/acpi_dmar.h"
#include "drivers/acpi/acpi_iort.h"
#include "support_acpi.h"

static struct acpi_dmar d;
static struct acpi_iort io;
static struct findings f;

static uint8_t *load_aml(const char *name, uint32_t *len)
{
	const char *dir = getenv("DOORBELL_ACPI_AML_DIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s.aml", dir ? dir : "build/acpi", name);
	uint8_t *p = read_file(path, len);
	if (!p)
		printf("# SKIP %s not built (iasl -p build/acpi/%s tools/acpi/%s.asl)\n", path,
		       name, name);
	return p;
}

static void test_variants_dmar_flags(void **state)
{
	unsigned seen = 0;
	for (unsigned v = 0; v < 16; v++) {
		char name[32];
		snprintf(name, sizeof(name), "dmar-flags-0x%02x", v);
		uint32_t len;
		uint8_t *p = load_aml(name, &len);
		if (!p)
			continue;
		seen++;
		findings_init(&f);
		assert_int_equal(acpi_dmar_parse(p, len, &d, &f), 0);
		assert_int_equal(d.flags, v);
		assert_int_equal(d.drhd_count, 1);
		assert_int_equal(d.drhd[0].reg_base, 0xfed90000);
		assert_int_equal(d.scope_count, 3); /* IOAPIC, 00:1F.0, 00:01.0 */
		assert_int_equal(d.atsr_count, 1);
		assert_int_equal(acpi_dmar_flag(&d, ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT),
				 v >> 3);
		/* Only the experimental bit 3 is reserved in VT-d: one warning. */
		assert_int_equal(nfind(&f, FINDING_ERROR), 0);
		assert_int_equal(nfind(&f, FINDING_WARNING), v & 8 ? 1 : 0);
		assert_int_equal(f.count, v & 8 ? 1 : 0);
		if (v & 8)
			assert_non_null(find_at(&f, FINDING_WARNING, 37));
		free(p);
	}
	if (!seen)
		skip();
}

static void test_variants_dmar_malformed(void **state)
{
	uint32_t len;
	uint8_t *p = load_aml("dmar-malformed", &len);
	if (!p)
		skip();
	findings_init(&f);
	assert_int_equal(acpi_dmar_parse(p, len, &d, &f), 0);
	assert_int_equal(d.flags, 0xf1);
	assert_int_equal(d.drhd_count, 2);
	assert_int_equal(d.rmrr_count, 2);
	assert_non_null(find_at(&f, FINDING_WARNING, 37)); /* reserved flags */
	assert_non_null(find_at(&f, FINDING_ERROR, 0x30)); /* INCLUDE_PCI_ALL not last */
	assert_non_null(find_at(&f, FINDING_ERROR, 0x48)); /* second INCLUDE_PCI_ALL */
	assert_non_null(find_at(&f, FINDING_ERROR, 0x50)); /* unaligned register base */
	assert_non_null(find_at(&f, FINDING_ERROR, 0x68)); /* RMRR base */
	assert_non_null(find_at(&f, FINDING_ERROR, 0x70)); /* RMRR limit */
	assert_non_null(find_at(&f, FINDING_ERROR, 0x88)); /* base > limit */
	assert_non_null(find_at(&f, FINDING_INFO, 0x80));  /* RMRR order */
	assert_int_equal(nfind(&f, FINDING_ERROR), 6);
	assert_int_equal(nfind(&f, FINDING_WARNING), 1);
	assert_int_equal(nfind(&f, FINDING_INFO), 1);
	free(p);
}

static void test_variants_iort_bad_mapping(void **state)
{
	uint32_t len;
	uint8_t *p = load_aml("iort-bad-mapping", &len);
	if (!p)
		skip();
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(p, len, &io, &f), 0);
	assert_int_equal(io.revision, 3);
	assert_int_equal(io.node_count, 2);
	assert_int_equal(f.count, 2);
	assert_non_null(find_at(&f, FINDING_ERROR, 0x78)); /* reference 0x999 */
	assert_non_null(find_at(&f, FINDING_ERROR, 0x80)); /* overlap */
	struct acpi_iort_path path;
	assert_int_equal(acpi_iort_map_rid(&io, 0, 0x10, &path), -EINVAL);
	assert_int_equal(acpi_iort_map_rid(&io, 0, 0x100, &path), 0);
	assert_int_equal(path.device_id, 0x100);
	free(p);
}

/* The nested RMR design's window: StreamID 0x8, 64 KiB at 0x0C000000, Device-nGnRE, clean. */
static void test_variants_iort_rmr_msi(void **state)
{
	uint32_t len;
	uint8_t *p = load_aml("iort-rmr-msi", &len);
	if (!p)
		skip();
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(p, len, &io, &f), 0);
	assert_int_equal(io.revision, 5);
	assert_int_equal(nfind(&f, FINDING_ERROR), 0);
	assert_int_equal(nfind(&f, FINDING_WARNING), 0);
	assert_int_equal(io.rmr_range_count, 1);
	assert_true(io.rmr_range[0].base == 0x0c000000);
	assert_true(io.rmr_range[0].length == 0x10000);
	const struct acpi_iort_node *rmr = 0;
	for (unsigned i = 0; i < io.node_count; i++)
		if (io.node[i].type == ACPI_IORT_RMR)
			rmr = &io.node[i];
	assert_non_null(rmr);
	assert_int_equal((rmr->u.rmr.flags >> 2) & 0xff, 0x01); /* Device-nGnRE */
	assert_int_equal(rmr->map_count, 1);
	assert_int_equal(io.mapping[rmr->map_first].output_base, 0x8);
	free(p);
}

static void test_variants_iort_rmr(void **state)
{
	static const struct {
		const char *name;
		uint8_t revision;
		unsigned warnings;
		uint32_t at;
		uint64_t base;
	} v[] = {
		{"iort-rmr-ok", 5, 0, 0, 0x4ff00000},
		{"iort-rmr-reserved", 5, 1, 0xfc, 0x4ff00000}, /* the RMR flags word */
		{"iort-rmr-old", 3, 1, 0xec, 0x4ff00000},      /* the RMR node */
		/* Clean as a table: in conventional memory, which only the memory map says. */
		{"iort-rmr-ram", 5, 0, 0, 0x48800000},
	};
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		uint32_t len;
		uint8_t *p = load_aml(v[i].name, &len);
		if (!p)
			skip();
		findings_init(&f);
		assert_int_equal(acpi_iort_parse(p, len, &io, &f), 0);
		assert_int_equal(io.revision, v[i].revision);
		assert_int_equal(io.node_count, 4);
		assert_int_equal(io.type_count[ACPI_IORT_RMR], 1);
		assert_int_equal(io.rmr_range_count, 1);
		assert_true(io.rmr_range[0].base == v[i].base);
		assert_true(io.rmr_range[0].length == 0x10000);
		assert_int_equal(nfind(&f, FINDING_ERROR), 0);
		assert_int_equal(nfind(&f, FINDING_WARNING), v[i].warnings);
		if (v[i].warnings)
			assert_non_null(find_at(&f, FINDING_WARNING, v[i].at));
		/* Bus 0 goes through the SMMU, the rest straight to the ITS, both identity. */
		struct acpi_iort_path path;
		assert_int_equal(acpi_iort_map_rid(&io, 0, 0x10, &path), 0);
		assert_int_equal(path.device_id, 0x10);
		assert_int_equal(acpi_iort_map_rid(&io, 0, 0x100, &path), 0);
		assert_int_equal(path.device_id, 0x100);
		free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_variants_dmar_flags),
		cmocka_unit_test(test_variants_dmar_malformed),
		cmocka_unit_test(test_variants_iort_bad_mapping),
		cmocka_unit_test(test_variants_iort_rmr),
		cmocka_unit_test(test_variants_iort_rmr_msi),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
