/* SPDX-License-Identifier: MIT */
/* IORT parser and ID translation: hand-built tables, findings, hostile inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "drivers/acpi/acpi_iort.h"
#include "support_acpi.h"

static struct acpi_iort io;
static struct findings f;
static struct tb b;

static void iort_header(uint8_t rev, uint32_t nodes)
{
	tb_init(&b, "IORT", rev);
	tb_u32(&b, nodes);
	tb_u32(&b, 48);
	tb_u32(&b, 0);
}

static void node_header(uint8_t type, uint16_t len, uint8_t rev, uint32_t id, uint32_t maps,
			uint32_t map_off)
{
	tb_u8(&b, type);
	tb_u16(&b, len);
	tb_u8(&b, rev);
	tb_u32(&b, id);
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

/* ITS group with one ITS (id its_id): 24 bytes. */
static uint32_t its_group(uint32_t its_id)
{
	uint32_t off = b.len;
	node_header(ACPI_IORT_ITS_GROUP, 24, 1, 0, 0, 0);
	tb_u32(&b, 1);
	tb_u32(&b, its_id);
	return off;
}

/* Root complex (rev 3, 36 bytes of fields) with n mappings following; caller adds them. */
static uint32_t root_complex(uint32_t seg, uint32_t n)
{
	uint32_t off = b.len;
	node_header(ACPI_IORT_ROOT_COMPLEX, (uint16_t)(36 + 20 * n), 3, 1, n, 36);
	tb_u32(&b, 1);   /* cache coherent */
	tb_u8(&b, 0);    /* hints */
	tb_u16(&b, 0);   /* reserved */
	tb_u8(&b, 3);    /* memory flags */
	tb_u32(&b, 0);   /* ATS */
	tb_u32(&b, seg); /* segment */
	tb_u8(&b, 0x40); /* memory address size limit */
	tb_zero(&b, 3);
	return off;
}

/* SMMUv3 node (68 bytes of fields) with n mappings following. */
static uint32_t smmuv3(uint64_t base, uint32_t n)
{
	uint32_t off = b.len;
	node_header(ACPI_IORT_SMMUV3, (uint16_t)(68 + 20 * n), 4, 2, n, n ? 68 : 0);
	tb_u64(&b, base);
	tb_u32(&b, 0);    /* flags */
	tb_u32(&b, 0);    /* reserved */
	tb_u64(&b, 0);    /* VATOS */
	tb_u32(&b, 0);    /* model: generic */
	tb_u32(&b, 0x6a); /* event */
	tb_u32(&b, 0x6b); /* PRI */
	tb_u32(&b, 0x6c); /* GERR */
	tb_u32(&b, 0x6d); /* sync */
	tb_u32(&b, 0);    /* proximity */
	tb_u32(&b, 0);    /* DeviceID mapping index */
	return off;
}

/* RMR node: 28 bytes + 1 mapping + 1 range. */
static uint32_t rmr(uint32_t flags, uint32_t smmu_ref, uint64_t base, uint64_t len)
{
	uint32_t off = b.len;
	node_header(ACPI_IORT_RMR, 28 + 20 + 20, 3, 3, 1, 28);
	tb_u32(&b, flags);
	tb_u32(&b, 1);
	tb_u32(&b, 48);
	mapping(0x10, 0, 0x10, smmu_ref, ACPI_IORT_ID_SINGLE_MAPPING);
	tb_u64(&b, base);
	tb_u64(&b, len);
	tb_u32(&b, 0);
	return off;
}

static int parse(void)
{
	findings_init(&f);
	tb_finish(&b);
	return acpi_iort_parse(b.buf, b.len, &io, &f);
}

/* QEMU virt without SMMU: ITS group + root complex mapping RIDs 0-0xffff 1:1. */
static void test_iort_qemu_like(void **state)
{
	iort_header(3, 2);
	uint32_t its = its_group(0);
	root_complex(0, 1);
	mapping(0, 0xffff, 0, its, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(io.revision, 3);
	assert_int_equal(io.node_count, 2);
	assert_int_equal(io.type_count[ACPI_IORT_ITS_GROUP], 1);
	assert_int_equal(io.type_count[ACPI_IORT_ROOT_COMPLEX], 1);
	assert_int_equal(io.node[0].u.its.count, 1);
	assert_int_equal(io.its_id[io.node[0].u.its.first], 0);
	assert_int_equal(io.node[1].u.rc.segment, 0);
	assert_int_equal(io.node[1].u.rc.mem_addr_limit, 0x40);
	assert_int_equal(io.mapping_count, 1);
	assert_int_equal(io.mapping[0].output_node, 0);

	struct acpi_iort_path p;
	assert_int_equal(acpi_iort_map_rid(&io, 0, 0x0810, &p), 0);
	assert_int_equal(p.device_id, 0x0810);
	assert_int_equal(p.its_node, 0);
	assert_int_equal(p.rc_node, 1);
	assert_false(p.has_smmu);
	assert_int_equal(p.step_count, 1);
	assert_int_equal(acpi_iort_map_rid(&io, 1, 0x10, &p), -ENOENT);
	assert_int_equal(acpi_iort_map_rid(&io, 0, 0x10000, &p), -ENOENT);
}

/* RC -> SMMUv3 for bus 0 (NumIDs one too large, as QEMU writes it) and -> ITS for the rest. */
static void test_iort_smmu_path_and_off_by_one(void **state)
{
	iort_header(3, 3);
	uint32_t its = its_group(0);
	uint32_t smmu = smmuv3(0x09050000, 1);
	mapping(0, 0xffff, 0x20000, its, 0); /* StreamID -> DeviceID + 0x20000 */
	uint32_t rc = root_complex(0, 2);
	mapping(0, 0x100, 0, smmu, 0); /* 0x000-0x100: count, not count - 1 */
	uint32_t m2 = b.len;
	mapping(0x100, 0xfeff, 0x100, its, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, m2));
	assert_int_equal(io.type_count[ACPI_IORT_SMMUV3], 1);
	assert_int_equal(io.node[1].u.smmuv3.base, 0x09050000);
	assert_int_equal(io.node[1].u.smmuv3.gerr_gsiv, 0x6c);
	(void)rc;

	struct acpi_iort_path p;
	assert_int_equal(acpi_iort_map_rid(&io, 0, 0x08, &p), 0);
	assert_true(p.has_smmu);
	assert_int_equal(p.smmu_node, 1);
	assert_int_equal(p.stream_id, 0x08);
	assert_int_equal(p.device_id, 0x20008);
	assert_int_equal(p.step_count, 2);
	/* RID 0x100 belongs to the second range (the first's extra ID is the quirk). */
	assert_int_equal(acpi_iort_map_rid(&io, 0, 0x100, &p), 0);
	assert_false(p.has_smmu);
	assert_int_equal(p.device_id, 0x100);

	unsigned out;
	uint32_t id;
	assert_int_equal(acpi_iort_map_id(&io, 2, 0xff, &out, &id), 0);
	assert_int_equal(out, 1);
	assert_int_equal(id, 0xff);
	assert_int_equal(acpi_iort_map_id(&io, 99, 0, &out, &id), -EINVAL);
}

static void test_iort_overlap_error(void **state)
{
	iort_header(3, 2);
	uint32_t its = its_group(0);
	root_complex(0, 2);
	mapping(0, 0xff, 0, its, 0);
	uint32_t m2 = b.len;
	mapping(0x80, 0xff, 0x80, its, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, m2));
	assert_true(find_text(&f, "overlap"));
}

/*
 * Which range an ID at a range's end belongs to (acpi_iort_mapping_last_input),
 * as Linux's iort_id_map decides: a range's last ID goes to another range only
 * when that one starts there; a range that merely overlaps does not take it.
 */
static void test_iort_last_input_follows_linux(void **state)
{
	iort_header(3, 2);
	uint32_t its = its_group(0);
	root_complex(0, 3);
	mapping(0, 0xff, 0x1000, its, 0);     /* 0x00-0xff */
	mapping(0x80, 0xff, 0x2080, its, 0);  /* 0x80-0x17f: overlaps, starts inside */
	mapping(0x180, 0xff, 0x3180, its, 0); /* starts at the second's last + 1 */
	assert_int_equal(parse(), 0);
	const struct acpi_iort_node *rc = &io.node[1];
	assert_int_equal(acpi_iort_mapping_last_input(&io, rc, &io.mapping[rc->map_first]), 0xff);
	assert_int_equal(acpi_iort_mapping_last_input(&io, rc, &io.mapping[rc->map_first + 1]),
			 0x17f);

	unsigned out;
	uint32_t id;
	assert_int_equal(acpi_iort_map_id(&io, 1, 0xff, &out, &id), 0);
	assert_int_equal(id, 0x10ff); /* the first range's own last ID */
	assert_int_equal(acpi_iort_map_id(&io, 1, 0x100, &out, &id), 0);
	assert_int_equal(id, 0x2100);
	assert_int_equal(acpi_iort_map_id(&io, 1, 0x180, &out, &id), 0);
	assert_int_equal(id, 0x3180);

	/* The second range written as a count (0x100): its extra ID 0x180 is the third's. */
	tb_set32(&b, 48 + 24 + 36 + 20 + 4, 0x100);
	assert_int_equal(parse(), 0);
	assert_int_equal(acpi_iort_mapping_last_input(&io, rc, &io.mapping[rc->map_first + 1]),
			 0x17f);
	assert_int_equal(acpi_iort_map_id(&io, 1, 0x180, &out, &id), 0);
	assert_int_equal(id, 0x3180);
	assert_int_equal(acpi_iort_map_id(&io, 1, 0x17f, &out, &id), 0);
	assert_int_equal(id, 0x217f);
}

static void test_iort_bad_output_reference(void **state)
{
	iort_header(3, 2);
	its_group(0);
	root_complex(0, 1);
	uint32_t m = b.len;
	mapping(0, 0xffff, 0, 0x999, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, m + 12));
	assert_true(find_text(&f, "points at no node"));
	struct acpi_iort_path p;
	assert_int_equal(acpi_iort_map_rid(&io, 0, 1, &p), -EINVAL);
}

static void test_iort_output_to_wrong_type(void **state)
{
	iort_header(3, 2);
	its_group(0);
	uint32_t rc = root_complex(0, 1);
	uint32_t m = b.len;
	mapping(0, 0xffff, 0, rc, 0); /* RC maps to itself */
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, m + 12));
	struct acpi_iort_path p;
	assert_int_equal(acpi_iort_map_rid(&io, 0, 1, &p), -EINVAL);
}

/* Two SMMUs mapping to each other: findings, and the walk ends at its depth limit. */
static void test_iort_loop(void **state)
{
	iort_header(3, 3);
	uint32_t s1 = 48, s2 = 48 + 88;
	smmuv3(0x1000000, 1);
	mapping(0, 0xffff, 0, s2, 0);
	smmuv3(0x2000000, 1);
	mapping(0, 0xffff, 0, s1, 0);
	root_complex(0, 1);
	mapping(0, 0xffff, 0, s1, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(nfind(&f, FINDING_ERROR), 2); /* SMMU outputs must go to an ITS group */
	assert_int_equal(f.count, 2);
	struct acpi_iort_path p;
	assert_int_equal(acpi_iort_map_rid(&io, 0, 5, &p), -EOVERFLOW);
	assert_int_equal(p.step_count, ACPI_IORT_MAX_DEPTH);
}

static void test_iort_rmr_rev5(void **state)
{
	iort_header(5, 2);
	uint32_t smmu = smmuv3(0x09050000, 0);
	rmr(ACPI_IORT_RMR_REMAP_PERMITTED, smmu, 0x80000000, 0x20000);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(io.type_count[ACPI_IORT_RMR], 1);
	assert_int_equal(io.node[1].u.rmr.count, 1);
	assert_int_equal(io.rmr_range[0].base, 0x80000000);
	assert_int_equal(io.rmr_range[0].length, 0x20000);
	assert_int_equal(io.mapping[0].flags, ACPI_IORT_ID_SINGLE_MAPPING);
	assert_int_equal(io.mapping[0].output_node, 0);
}

static void test_iort_rmr_old_revision(void **state)
{
	iort_header(3, 2);
	uint32_t smmu = smmuv3(0x09050000, 0);
	uint32_t r = rmr(0, smmu, 0x80000000, 0x20000);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, r));
	/* Revision 0: RMR nodes did not exist at all. */
	tb_set8(&b, 8, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, r));
}

static void test_iort_rmr_reserved_flags_and_alignment(void **state)
{
	iort_header(5, 2);
	uint32_t smmu = smmuv3(0x09050000, 0);
	uint32_t r = rmr(0x400 | ACPI_IORT_RMR_REMAP_PERMITTED, smmu, 0x80001000, 0x1000);
	assert_int_equal(parse(), 0);
	assert_non_null(find_at(&f, FINDING_WARNING, r + 16)); /* reserved flag bit 10 */
	assert_non_null(find_at(&f, FINDING_WARNING, r + 48)); /* 64 KiB alignment */
	assert_int_equal(f.count, 2);
}

static void test_iort_mapping_outside_node(void **state)
{
	iort_header(3, 2);
	uint32_t its = its_group(0);
	uint32_t rc = root_complex(0, 1);
	mapping(0, 0xffff, 0, its, 0);
	tb_set32(&b, rc + 12, 0x1000); /* mapping offset far outside */
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, rc + 12));
	assert_int_equal(io.mapping_count, 0);
	/* A mapping count that overflows 32-bit arithmetic. */
	tb_set32(&b, rc + 12, 36);
	tb_set32(&b, rc + 8, 0x0ccccccd);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, rc + 12));
}

static void test_iort_node_lengths(void **state)
{
	iort_header(3, 2);
	its_group(0);
	root_complex(0, 0);
	tb_set16(&b, 48 + 1, 0); /* ITS group length 0: the walk stops */
	assert_int_equal(parse(), 0);
	assert_true(io.truncated);
	assert_int_equal(io.node_count, 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 49));

	tb_set16(&b, 49, 0x4000); /* runs past the table */
	assert_int_equal(parse(), 0);
	assert_true(io.truncated);
	assert_int_equal(f.count, 1);

	/* Below the ITS group's 20 fixed bytes: skipped by its length, so the walk goes on
	 * at 64, inside the ITS group, where it reads a length of 0 and stops. */
	tb_set16(&b, 49, 16);
	assert_int_equal(parse(), 0);
	assert_true(io.truncated);
	assert_int_equal(f.count, 2);
	assert_non_null(find_at(&f, FINDING_ERROR, 49));
	assert_non_null(find_at(&f, FINDING_ERROR, 65));
}

static void test_iort_node_count_and_offset(void **state)
{
	iort_header(3, 5); /* claims 5 nodes, has 1 */
	its_group(0);
	assert_int_equal(parse(), 0);
	assert_true(io.truncated);
	assert_int_equal(io.node_count, 1);
	assert_int_equal(f.count, 1);

	tb_set32(&b, 36, 1);
	tb_set32(&b, 40, 8); /* node array inside the header */
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, 40));
	tb_set32(&b, 40, 0xffffff00);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
}

static void test_iort_its_ids_overrun(void **state)
{
	iort_header(3, 1);
	uint32_t its = its_group(0);
	tb_set32(&b, its + 16, 1000);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_ERROR, its + 16));
	assert_int_equal(io.its_id_count, 1);
}

static void test_iort_named_component(void **state)
{
	iort_header(3, 2);
	uint32_t its = its_group(0);
	uint32_t nc = b.len;
	node_header(ACPI_IORT_NAMED_COMPONENT, 29 + 12 + 3 + 20, 4, 5, 1, 44);
	tb_u32(&b, 0);
	tb_zero(&b, 8);
	tb_u8(&b, 48);
	tb_str(&b, "\\_SB.ETH0");
	tb_zero(&b, 5);
	mapping(0, 0, 0x7, its, ACPI_IORT_ID_SINGLE_MAPPING);
	assert_int_equal(parse(), 0);
	assert_int_equal(f.count, 0);
	assert_string_equal(io.node[1].u.nc.name, "\\_SB.ETH0");
	unsigned out;
	uint32_t id;
	assert_int_equal(acpi_iort_map_id(&io, 1, 1234, &out, &id), 0);
	assert_int_equal(out, 0);
	assert_int_equal(id, 7);
	(void)nc;
}

static void test_iort_hostile_headers(void **state)
{
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(NULL, 0, &io, &f), -EINVAL);
	iort_header(3, 0);
	tb_finish(&b);
	assert_int_equal(acpi_iort_parse(b.buf, 47, &io, &f), -EBADMSG);
	assert_int_equal(f.count, 2); /* length past the buffer; then too short */
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(b.buf, 48, &io, &f), 0);
	assert_int_equal(f.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iort_qemu_like),
		cmocka_unit_test(test_iort_smmu_path_and_off_by_one),
		cmocka_unit_test(test_iort_last_input_follows_linux),
		cmocka_unit_test(test_iort_overlap_error),
		cmocka_unit_test(test_iort_bad_output_reference),
		cmocka_unit_test(test_iort_output_to_wrong_type),
		cmocka_unit_test(test_iort_loop),
		cmocka_unit_test(test_iort_rmr_rev5),
		cmocka_unit_test(test_iort_rmr_old_revision),
		cmocka_unit_test(test_iort_rmr_reserved_flags_and_alignment),
		cmocka_unit_test(test_iort_mapping_outside_node),
		cmocka_unit_test(test_iort_node_lengths),
		cmocka_unit_test(test_iort_node_count_and_offset),
		cmocka_unit_test(test_iort_its_ids_overrun),
		cmocka_unit_test(test_iort_named_component),
		cmocka_unit_test(test_iort_hostile_headers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
