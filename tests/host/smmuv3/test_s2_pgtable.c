/* SPDX-License-Identifier: MIT */
/* SMMUv3 stage-2 page tables on fake RAM: start levels, exact descriptors, walks, rollback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/smmuv3/smmuv3_s2_pgtable.h"
#include "kernel/errno.h"
#include "support_fake_ram.h"

static const struct smmuv3_pgt_ops fake_ops = {
	.alloc = fake_alloc, .free = fake_free, .map = fake_map};

static int setup(void **state)
{
	fake_ram_reset();
	return 0;
}

static void test_levels(void **state)
{
	assert_int_equal(smmuv3_s2_start_level(48), 0);
	assert_int_equal(smmuv3_s2_start_level(44), 0);
	assert_int_equal(smmuv3_s2_start_level(40), 0);
	assert_int_equal(smmuv3_s2_start_level(39), 1);
	assert_int_equal(smmuv3_s2_start_level(31), 1);
	assert_int_equal(smmuv3_s2_start_level(30), 2);
	assert_int_equal(smmuv3_s2_start_level(25), 2);
	assert_int_equal(smmuv3_s2_sl0(0), 2);
	assert_int_equal(smmuv3_s2_sl0(1), 1);
	assert_int_equal(smmuv3_s2_sl0(2), 0);
	struct smmuv3_s2_pgt p;
	assert_int_equal(smmuv3_s2_pgt_init(&p, &fake_ops, 0, 24), -EINVAL);
	assert_int_equal(smmuv3_s2_pgt_init(&p, &fake_ops, 0, 49), -EINVAL);
}

static void test_leaf(void **state)
{
	/* Normal write-back (MemAttr 0b1111), inner shareable, S2AP read+write, AF, XN. */
	assert_int_equal(smmuv3_s2_pgt_leaf(0x40300000, SMMUV3_PROT_READ | SMMUV3_PROT_WRITE),
			 0x400000403007ffull);
	assert_int_equal(smmuv3_s2_pgt_leaf(0x40300000, SMMUV3_PROT_READ), 0x4000004030077full);
	/* The doorbell: Device-nGnRE (MemAttr 0b0001), write only. */
	assert_int_equal(smmuv3_s2_pgt_leaf(0x08090000, SMMUV3_PROT_WRITE | SMMUV3_PROT_DEVICE),
			 0x40000008090487ull);
}

static void test_map_walk(void **state)
{
	struct smmuv3_s2_pgt p;
	assert_int_equal(smmuv3_s2_pgt_init(&p, &fake_ops, 0, 44), 0);
	assert_int_equal(p.start_level, 0);
	assert_int_equal(p.table_count, 1);
	/* The doorbell frame at 64 GiB: a level-1, -2 and -3 table under the root. */
	assert_int_equal(smmuv3_s2_pgt_map(&p, 0x1000000000ull, 0x08090000, 0x10000,
					   SMMUV3_PROT_WRITE | SMMUV3_PROT_DEVICE),
			 0);
	assert_int_equal(p.table_count, 4);
	assert_int_equal(p.page_count, 16);
	smmuv3_phys_t pa;
	uint64_t pte;
	assert_int_equal(smmuv3_s2_pgt_lookup(&p, 0x1000000040ull, &pa, &pte), 0);
	assert_int_equal(pa, 0x08090040);
	assert_int_equal(pte, 0x40000008090487ull);
	/* The root entry for 64 GiB is index 0 at level 0 (bits 47:39), a table. */
	uint64_t *root = fake_map(0, p.root);
	assert_int_equal(root[0] & 3, 3);
	assert_int_equal(root[1], 0);
	/* RAM at IPA = PA. */
	assert_int_equal(smmuv3_s2_pgt_map(&p, 0x40000000, 0x40000000, 0x2000,
					   SMMUV3_PROT_READ | SMMUV3_PROT_WRITE),
			 0);
	assert_int_equal(smmuv3_s2_pgt_lookup(&p, 0x40001008, &pa, 0), 0);
	assert_int_equal(pa, 0x40001008);
	assert_int_equal(smmuv3_s2_pgt_lookup(&p, 0x40002000, &pa, 0), -ENOENT);
	assert_int_equal(smmuv3_s2_pgt_lookup(&p, 1ull << 44, &pa, 0), -EINVAL);
	/* Beyond the IPA size, unaligned, no access: refused. */
	assert_int_equal(smmuv3_s2_pgt_map(&p, 1ull << 44, 0, 0x1000, SMMUV3_PROT_READ), -EINVAL);
	assert_int_equal(smmuv3_s2_pgt_map(&p, 0x1000, 0x10, 0x1000, SMMUV3_PROT_READ), -EINVAL);
	assert_int_equal(smmuv3_s2_pgt_map(&p, 0x1000, 0, 0x1000, SMMUV3_PROT_DEVICE), -EINVAL);
	/* A mapped page in the middle: -EEXIST, nothing of the call left. */
	unsigned pages = p.page_count;
	assert_int_equal(smmuv3_s2_pgt_map(&p, 0x3ffff000, 0x50000000, 0x3000,
					   SMMUV3_PROT_READ | SMMUV3_PROT_WRITE),
			 -EEXIST);
	assert_int_equal(p.page_count, pages);
	assert_int_equal(smmuv3_s2_pgt_lookup(&p, 0x3ffff000, &pa, 0), -ENOENT);
	/* Unmap the doorbell: gone, the count says how many. */
	assert_int_equal(smmuv3_s2_pgt_unmap(&p, 0x1000000000ull, 0x10000), 16);
	assert_int_equal(smmuv3_s2_pgt_lookup(&p, 0x1000000040ull, &pa, 0), -ENOENT);
	assert_int_equal(smmuv3_s2_pgt_unmap(&p, 0x1000000000ull, 0x10000), 0);
	smmuv3_s2_pgt_destroy(&p);
	assert_int_equal(fake_in_use, 0);
}

static void test_level1_start(void **state)
{
	struct smmuv3_s2_pgt p;
	assert_int_equal(smmuv3_s2_pgt_init(&p, &fake_ops, 0, 39), 0);
	assert_int_equal(p.start_level, 1);
	assert_int_equal(smmuv3_s2_pgt_map(&p, 0x40000000, 0x40000000, 0x1000, SMMUV3_PROT_READ),
			 0);
	assert_int_equal(p.table_count, 3); /* root (level 1), level 2, level 3 */
	uint64_t *root = fake_map(0, p.root);
	assert_int_equal(root[1] & 3, 3); /* 0x40000000 >> 30 = 1 */
	smmuv3_phys_t pa;
	assert_int_equal(smmuv3_s2_pgt_lookup(&p, 0x40000010, &pa, 0), 0);
	assert_int_equal(pa, 0x40000010);
	assert_int_equal(smmuv3_s2_pgt_map(&p, 1ull << 39, 0, 0x1000, SMMUV3_PROT_READ), -EINVAL);
	smmuv3_s2_pgt_destroy(&p);
	assert_int_equal(fake_in_use, 0);
}

static void test_out_of_memory(void **state)
{
	struct smmuv3_s2_pgt p;
	assert_int_equal(smmuv3_s2_pgt_init(&p, &fake_ops, 0, 44), 0);
	fake_limit = 2; /* level 1 and 2, no level 3 */
	assert_int_equal(smmuv3_s2_pgt_map(&p, 0x40000000, 0x40000000, 0x1000, SMMUV3_PROT_READ),
			 -ENOMEM);
	assert_int_equal(p.page_count, 0);
	smmuv3_s2_pgt_destroy(&p);
	assert_int_equal(fake_in_use, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_levels, setup),
		cmocka_unit_test_setup(test_leaf, setup),
		cmocka_unit_test_setup(test_map_walk, setup),
		cmocka_unit_test_setup(test_level1_start, setup),
		cmocka_unit_test_setup(test_out_of_memory, setup),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
