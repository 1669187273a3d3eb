/* SPDX-License-Identifier: MIT */
/* IORT checks across nodes and against the MADT, and the MADT's GIC consistency checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "drivers/acpi/acpi_cross.h"
#include "drivers/acpi/acpi_platform.h"
#include "support_acpi.h"

static struct acpi_platform p; /* large: static */
static struct findings f;
static struct tb b;

static unsigned count_id(const char *id, enum finding_severity sev)
{
	unsigned n = 0;
	for (unsigned i = 0; i < f.count; i++) {
		const char *it = finding_id(&f.item[i]);
		n += it && !strcmp(it, id) && f.item[i].severity == sev;
	}
	return n;
}

static unsigned count_any(const char *id)
{
	return count_id(id, FINDING_INFO) + count_id(id, FINDING_WARNING) +
	       count_id(id, FINDING_ERROR);
}

static void iort_header(uint8_t rev, uint32_t nodes)
{
	tb_init(&b, "IORT", rev);
	tb_u32(&b, nodes);
	tb_u32(&b, 48);
	tb_u32(&b, 0);
}

static void node_header(uint8_t type, uint16_t len, uint8_t rev, uint32_t maps, uint32_t map_off)
{
	tb_u8(&b, type);
	tb_u16(&b, len);
	tb_u8(&b, rev);
	tb_u32(&b, 0);
	tb_u32(&b, maps);
	tb_u32(&b, map_off);
}

static void mapping(uint32_t in, uint32_t count_minus_one, uint32_t out, uint32_t ref,
		    uint32_t flags)
{
	tb_u32(&b, in);
	tb_u32(&b, count_minus_one);
	tb_u32(&b, out);
	tb_u32(&b, ref);
	tb_u32(&b, flags);
}

/* ITS group listing n identifiers. */
static uint32_t its_group(const uint32_t *ids, unsigned n)
{
	uint32_t off = b.len;
	node_header(ACPI_IORT_ITS_GROUP, (uint16_t)(20 + 4 * n), 1, 0, 0);
	tb_u32(&b, n);
	for (unsigned i = 0; i < n; i++)
		tb_u32(&b, ids[i]);
	return off;
}

/* Root complex (36 bytes of fields) with one mapping of `count` IDs to ref. */
static uint32_t root_complex(uint8_t rev, uint32_t seg, uint32_t cca, uint8_t maf, uint8_t limit,
			     uint32_t out, uint32_t count, uint32_t ref)
{
	uint32_t off = b.len;
	node_header(ACPI_IORT_ROOT_COMPLEX, 56, rev, 1, 36);
	tb_u32(&b, cca);
	tb_u8(&b, 0);
	tb_u16(&b, 0);
	tb_u8(&b, maf);
	tb_u32(&b, 0);   /* ATS */
	tb_u32(&b, seg); /* segment */
	tb_u8(&b, limit);
	tb_zero(&b, 3);
	mapping(0, count - 1, out, ref, 0);
	return off;
}

/* Named component "\_SB.DEV0" (40 bytes of fields, no mapping). */
static uint32_t named_component(uint32_t cca, uint8_t maf, uint8_t limit)
{
	uint32_t off = b.len;
	node_header(ACPI_IORT_NAMED_COMPONENT, 40, 4, 0, 0);
	tb_u32(&b, 0); /* node flags */
	tb_u32(&b, cca);
	tb_u8(&b, 0);
	tb_u16(&b, 0);
	tb_u8(&b, maf);
	tb_u8(&b, limit);
	tb_str(&b, "\\_SB.DEV0");
	tb_zero(&b, 40 - 29 - 10);
	return off;
}

/* SMMUv3 (68 bytes of fields) with one mapping to its_ref, single or not. */
static uint32_t smmuv3(uint8_t rev, uint32_t flags, uint32_t gsiv, uint32_t index, bool single,
		       uint32_t its_ref)
{
	uint32_t off = b.len;
	node_header(ACPI_IORT_SMMUV3, 88, rev, 1, 68);
	tb_u64(&b, 0x9050000);
	tb_u32(&b, flags);
	tb_u32(&b, 0);
	tb_u64(&b, 0);
	tb_u32(&b, 0);
	for (unsigned i = 0; i < 4; i++)
		tb_u32(&b, gsiv);
	tb_u32(&b, 0);
	tb_u32(&b, index);
	mapping(0, single ? 0 : 0xff, 0x1000, its_ref, single ? ACPI_IORT_ID_SINGLE_MAPPING : 0);
	return off;
}

static void parse_iort(void)
{
	tb_finish(&b);
	acpi_platform_init(&p);
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(b.buf, b.len, &p.iort, NULL), 0);
	p.has_iort = true;
}

static void madt_header(void)
{
	tb_init(&b, "APIC", 5);
	tb_u32(&b, 0);
	tb_u32(&b, 0);
}

static void madt_its(uint32_t id, uint64_t base)
{
	tb_u8(&b, ACPI_MADT_GIC_ITS);
	tb_u8(&b, 20);
	tb_u16(&b, 0);
	tb_u32(&b, id);
	tb_u64(&b, base);
	tb_u32(&b, 0);
}

static void madt_gicr(uint64_t base, uint32_t len)
{
	tb_u8(&b, ACPI_MADT_GICR);
	tb_u8(&b, 16);
	tb_u16(&b, 0);
	tb_u64(&b, base);
	tb_u32(&b, len);
}

static void madt_gicc(uint32_t uid, uint32_t flags, uint64_t gicr, uint64_t mpidr)
{
	uint32_t off = b.len;
	tb_u8(&b, ACPI_MADT_GICC);
	tb_u8(&b, 82);
	tb_zero(&b, 80);
	tb_set32(&b, off + 8, uid);
	tb_set32(&b, off + 12, flags);
	memcpy(&b.buf[off + 60], &gicr, 8);
	memcpy(&b.buf[off + 68], &mpidr, 8);
}

static void parse_madt_into_p(void)
{
	tb_finish(&b);
	assert_int_equal(acpi_madt_parse(b.buf, b.len, &p.madt, NULL), 0);
	p.has_madt = true;
}

/*
 * QEMU virt's IORT with an SMMUv3: the root complex sends RIDs 0-0xff to the
 * SMMU and 0x100-0xffff straight to the ITS group; the SMMU maps StreamIDs
 * 0-0xffff to the same DeviceIDs. Only 0-0xff ever reach the SMMU, so no
 * DeviceID is shared; a second root complex behind the SMMU's range is.
 */
static void test_iort_smmu_outputs_only_what_reaches_it(void **state)
{
	(void)state;
	uint32_t id = 0;
	iort_header(5, 3);
	uint32_t its = its_group(&id, 1);
	uint32_t smmu = b.len;
	node_header(ACPI_IORT_SMMUV3, 88, 4, 1, 68);
	tb_u64(&b, 0x9050000);
	tb_zero(&b, 4 + 4 + 8 + 4 + 16 + 4 + 4);
	mapping(0, 0xffff, 0, its, 0);
	node_header(ACPI_IORT_ROOT_COMPLEX, 76, 3, 2, 36);
	tb_u32(&b, 1);
	tb_u8(&b, 0);
	tb_u16(&b, 0);
	tb_u8(&b, 3);
	tb_u32(&b, 0);
	tb_u32(&b, 0);
	tb_u8(&b, 48);
	tb_zero(&b, 3);
	mapping(0, 0xff, 0, smmu, 0);
	mapping(0x100, 0xfeff, 0x100, its, 0);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_any("iort.output-id-aliased"), 0);

	/* QEMU 7.2 gives the SMMU range 0x100 as NumIDs (a count): RID 0x100 goes to the next
	 * range, as acpi_iort_map_id does; no alias. */
	tb_set32(&b, b.len - 40 + 4, 0x100);
	tb_finish(&b);
	acpi_platform_init(&p);
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(b.buf, b.len, &p.iort, NULL), 0);
	p.has_iort = true;
	acpi_cross_check(&p, &f);
	assert_int_equal(count_any("iort.output-id-aliased"), 0);
	tb_set32(&b, b.len - 40 + 4, 0xff);

	/* The same, with the root complex's direct range starting at 0x80: 0x80 IDs shared. */
	tb_set32(&b, b.len - 20 + 0, 0x80);
	tb_set32(&b, b.len - 20 + 4, 0xff7f);
	tb_set32(&b, b.len - 20 + 8, 0x80);
	tb_finish(&b);
	acpi_platform_init(&p);
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(b.buf, b.len, &p.iort, NULL), 0);
	p.has_iort = true;
	acpi_cross_check(&p, &f);
	assert_int_equal(count_id("iort.output-id-aliased", FINDING_ERROR), 1);
	assert_true(find_text(&f, "map to 128 shared DeviceIDs (from 0x80)"));
}

/* Two root complexes whose DeviceIDs share 0x80 IDs of one ITS group: one error. */
static void test_iort_output_ids_aliased(void **state)
{
	(void)state;
	uint32_t id = 0;
	iort_header(5, 3);
	uint32_t its = its_group(&id, 1);
	root_complex(3, 0, 1, 3, 48, 0x0, 0x100, its);
	root_complex(3, 1, 1, 3, 48, 0x80, 0x100, its);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_id("iort.output-id-aliased", FINDING_ERROR), 1);
	assert_true(find_text(&f, "map to 128 shared DeviceIDs (from 0x80)"));
	assert_int_equal(f.count, 1);

	/* Disjoint: nothing. */
	iort_header(5, 3);
	its = its_group(&id, 1);
	root_complex(3, 0, 1, 3, 48, 0x0, 0x100, its);
	root_complex(3, 1, 1, 3, 48, 0x100, 0x100, its);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(f.count, 0);
}

/* ITS identifiers: against the MADT's GIC ITS IDs and across groups. */
static void test_iort_its_ids(void **state)
{
	(void)state;
	uint32_t a[] = {1, 2}, c[] = {2};
	iort_header(5, 2);
	its_group(a, 2);
	its_group(c, 1);
	parse_iort();
	madt_header();
	madt_its(1, 0x8080000);
	parse_madt_into_p();
	acpi_cross_check(&p, &f);
	/* ID 2: second of group A (warning), first of group B (error: the one Linux uses). */
	assert_int_equal(count_id("iort.its-id-not-in-madt", FINDING_WARNING), 1);
	assert_int_equal(count_id("iort.its-id-not-in-madt", FINDING_ERROR), 1);
	assert_int_equal(count_id("iort.its-id-in-two-groups", FINDING_WARNING), 1);
	assert_int_equal(f.count, 3);

	/* Without an MADT only the grouping is checked. */
	iort_header(5, 2);
	its_group(a, 2);
	its_group(c, 1);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_any("iort.its-id-not-in-madt"), 0);
	assert_int_equal(f.count, 1);
}

/* Memory access properties and the memory address size limit. */
static void test_iort_memory_properties(void **state)
{
	(void)state;
	uint32_t id = 0;
	iort_header(5, 5);
	uint32_t its = its_group(&id, 1);
	named_component(1, 0, 0);                       /* CCA 1 without CPM; limit 0 */
	named_component(0, ACPI_IORT_MAF_DACS, 40);     /* DACS without CPM */
	root_complex(0, 0, 2, 1, 0, 0, 0x100, its);     /* CCA 2; rev 0: no limit field */
	root_complex(3, 1, 1, 3, 0, 0x100, 0x100, its); /* fine but limit 0 */
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_id("iort.memory-access-inconsistent", FINDING_WARNING), 3);
	assert_int_equal(count_id("iort.memory-address-limit-zero", FINDING_WARNING), 2);
	assert_true(find_text(&f, "CCA 1 (fully coherent) without CPM"));
	assert_true(find_text(&f, "CCA values other than 0 and 1 are reserved"));
	assert_int_equal(f.count, 5);
}

/* The SMMUv3 DeviceID mapping index by node revision, and node revision against the table's. */
static void test_iort_smmuv3_deviceid(void **state)
{
	(void)state;
	uint32_t id = 0;
	/* Rev 4, no wired interrupts: index 0 is used and names a range mapping. */
	iort_header(5, 2);
	uint32_t its = its_group(&id, 1);
	smmuv3(4, 0, 0, 0, false, its);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_id("iort.smmuv3-deviceid-mapping", FINDING_ERROR), 1);
	assert_true(find_text(&f, "not a single mapping"));
	assert_int_equal(f.count, 1);

	/* Rev 2, wired interrupts missing, index past the one mapping. */
	iort_header(5, 2);
	its = its_group(&id, 1);
	smmuv3(2, 0, 0, 3, true, its);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_id("iort.smmuv3-deviceid-mapping", FINDING_ERROR), 1);
	assert_true(find_text(&f, "DeviceID mapping index 3, but the node has 1 mappings"));

	/* Rev 4, all four GSIVs wired: the index is not used. */
	iort_header(5, 2);
	its = its_group(&id, 1);
	smmuv3(4, 0, 0x6a, 3, false, its);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(f.count, 0);

	/* Rev 5 (E.e) in a revision 5 table; the flag is clear, so the index is not used. */
	iort_header(5, 2);
	its = its_group(&id, 1);
	smmuv3(5, 0, 0, 3, false, its);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_id("iort.node-revision-above-table", FINDING_WARNING), 1);
	assert_int_equal(f.count, 1);
}

/* RMR nodes: no ID mapping, overlapping ranges in one node and across nodes. */
static void test_iort_rmr(void **state)
{
	(void)state;
	uint32_t id = 0;
	iort_header(5, 4);
	uint32_t its = its_group(&id, 1);
	uint32_t smmu = smmuv3(4, 0, 0x6a, 0, true, its);
	/* RMR without mappings, two ranges overlapping at 0x10000. */
	node_header(ACPI_IORT_RMR, 28 + 40, 3, 0, 0);
	tb_u32(&b, 0);
	tb_u32(&b, 2);
	tb_u32(&b, 28);
	tb_u64(&b, 0x100000);
	tb_u64(&b, 0x20000);
	tb_u32(&b, 0);
	tb_u64(&b, 0x110000);
	tb_u64(&b, 0x10000);
	tb_u32(&b, 0);
	/* RMR with a mapping; its one range overlaps the first node's first. */
	node_header(ACPI_IORT_RMR, 28 + 20 + 20, 3, 1, 28);
	tb_u32(&b, 0);
	tb_u32(&b, 1);
	tb_u32(&b, 48);
	mapping(0x10, 0, 0x10, smmu, ACPI_IORT_ID_SINGLE_MAPPING);
	tb_u64(&b, 0x100000);
	tb_u64(&b, 0x10000);
	tb_u32(&b, 0);
	parse_iort();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_id("iort.rmr-no-id-mapping", FINDING_ERROR), 1);
	assert_int_equal(count_id("iort.rmr-ranges-overlap", FINDING_WARNING), 2);
	assert_true(find_text(&f, "of the same node"));
	assert_true(find_text(&f, "of another RMR node"));
	assert_int_equal(f.count, 3);
}

/* MADT GIC: ITS IDs, GICR ranges, GICC GICR bases, MPIDRs and UIDs. */
static void test_madt_gic_consistency(void **state)
{
	(void)state;
	acpi_platform_init(&p);
	findings_init(&f);
	madt_header();
	madt_gicc(0, ACPI_MADT_CPU_ENABLED, 0, 0x0);
	madt_gicc(1, ACPI_MADT_CPU_ENABLED, 0x0a000000, 0x1); /* GICR base outside */
	madt_gicc(1, ACPI_MADT_CPU_ENABLED, 0, 0x2);          /* UID 1 again */
	madt_gicc(3, ACPI_MADT_CPU_ENABLED, 0, 0x1);          /* MPIDR 0x1 again */
	madt_gicc(4, 0, 0, 0x0);                              /* disabled: MPIDR not compared */
	madt_gicr(0x080a0000, 0x40000);
	madt_gicr(0x080c0000, 0x40000); /* overlaps the first */
	madt_its(7, 0x08080000);
	madt_its(7, 0x08090000);
	parse_madt_into_p();
	acpi_cross_check(&p, &f);
	assert_int_equal(count_id("madt.gic-its-id-duplicate", FINDING_ERROR), 1);
	assert_int_equal(count_id("madt.gicr-overlap", FINDING_ERROR), 1);
	assert_int_equal(count_id("madt.gicc-gicr-outside", FINDING_WARNING), 1);
	assert_int_equal(count_id("madt.gicc-mpidr-duplicate", FINDING_ERROR), 1);
	assert_int_equal(count_id("madt.gicc-uid-duplicate", FINDING_ERROR), 1);
	assert_int_equal(f.count, 5);
}

/* Hostile: every byte of a node area flipped through 0xff and 0x00; findings, no crash. */
static void test_iort_cross_hostile(void **state)
{
	(void)state;
	uint32_t id = 0;
	iort_header(5, 3);
	uint32_t its = its_group(&id, 1);
	uint32_t smmu = smmuv3(5, ACPI_IORT_SMMUV3_DEVICEID_VALID, 0, 0, true, its);
	root_complex(3, 0, 1, 3, 48, 0, 0x10000, smmu);
	tb_finish(&b);
	static struct tb orig;
	orig = b;
	for (uint32_t i = 48; i < orig.len; i++)
		for (unsigned v = 0; v < 2; v++) {
			b = orig;
			b.buf[i] = v ? 0xff : 0x00;
			tb_checksum(&b);
			acpi_platform_init(&p);
			findings_init(&f);
			p.has_iort = acpi_iort_parse(b.buf, b.len, &p.iort, &f) == 0;
			acpi_cross_check(&p, &f);
			assert_int_equal(f.dropped, 0);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iort_output_ids_aliased),
		cmocka_unit_test(test_iort_smmu_outputs_only_what_reaches_it),
		cmocka_unit_test(test_iort_its_ids),
		cmocka_unit_test(test_iort_memory_properties),
		cmocka_unit_test(test_iort_smmuv3_deviceid),
		cmocka_unit_test(test_iort_rmr),
		cmocka_unit_test(test_madt_gic_consistency),
		cmocka_unit_test(test_iort_cross_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
