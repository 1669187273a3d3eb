/* SPDX-License-Identifier: MIT */
/* SMMUv3 stage-1 page tables on fake RAM: encodings, walks, rollback, teardown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/smmuv3/smmuv3_pgtable.h"
#include "kernel/errno.h"
#include "support_fake_ram.h"

static const struct smmuv3_pgt_ops fake_ops = {fake_alloc, fake_free, fake_map, fake_sync, NULL};

/*
 * A walker that does not snoop (SMMU_IDR0.COHACC = 0) reads memory at the
 * point of coherency: fake_poc holds what the CPU's cleans put there, and
 * nothing else.
 */
static uint64_t fake_poc[FAKE_PAGES][512];
static unsigned fake_cleans;

static void fake_clean(void *ctx, const void *p, uint64_t len)
{
	const uint8_t *b = p, *ram = (const uint8_t *)fake_ram;
	assert_true(b >= ram && b + len <= ram + sizeof(fake_ram));
	memcpy((uint8_t *)fake_poc + (b - ram), b, len);
	fake_cleans++;
}

static const struct smmuv3_pgt_ops fake_noncoherent_ops = {fake_alloc, fake_free, fake_map,
							   fake_sync, fake_clean};

static int setup(void **state)
{
	fake_ram_reset();
	fake_cleans = 0;
	memset(fake_poc, 0xa5, sizeof(fake_poc)); /* stale: what the walker would see unclean */
	return 0;
}

/* The walk of the Arm ARM for a 48-bit input and 4 KiB granule, on the fake RAM or its PoC image. */
static uint64_t hw_walk_in(uint64_t (*mem)[512], smmuv3_phys_t root, uint64_t iova)
{
	smmuv3_phys_t t = root;
	for (unsigned level = 0; level < 4; level++) {
		uint64_t i = (t - FAKE_BASE) / 4096;
		if (t < FAKE_BASE || i >= FAKE_PAGES)
			return ~1ull; /* a stale entry led outside RAM */
		uint64_t e = mem[i][(iova >> (39 - 9 * level)) & 511];
		if ((e & 3) != 3)
			return ~0ull;
		t = e & 0x0000fffffffff000ull;
	}
	return t | (iova & 0xfff);
}

static uint64_t hw_walk(smmuv3_phys_t root, uint64_t iova)
{
	return hw_walk_in(fake_ram, root, iova);
}

/*
 * Stage-1 page descriptor (Arm ARM D8.3.2): bits 1:0 = 0b11, AttrIndx 4:2,
 * AP[1] 6, AP[2] 7, SH 9:8 = 0b11, AF 10, nG 11, PXN 53, UXN 54. nG must be
 * 1: doorbell invalidates by ASID (CMD_TLBI_NH_ASID, SMMUv3 4.4.2), which
 * does not match global entries, as Linux's io-pgtable-arm sets
 * ARM_LPAE_PTE_nG in every stage-1 entry.
 */
static void test_leaf_encoding(void **state)
{
	uint64_t rw = smmuv3_pgt_leaf(0x40001000, SMMUV3_PROT_READ | SMMUV3_PROT_WRITE);
	assert_int_equal(rw, 0x0060000040001f43ull);
	assert_int_equal(rw & 3, 3);         /* page */
	assert_int_equal((rw >> 2) & 7, 0);  /* AttrIndx 0: Normal WB */
	assert_int_equal((rw >> 6) & 3, 1);  /* AP[2:1] = 0b01: read/write, any EL */
	assert_int_equal((rw >> 8) & 3, 3);  /* inner shareable */
	assert_int_equal((rw >> 10) & 1, 1); /* AF */
	assert_int_equal((rw >> 11) & 1, 1); /* nG */
	assert_int_equal((rw >> 53) & 3, 3); /* PXN, UXN */
	assert_int_equal(rw & SMMUV3_PTE_ADDR, 0x40001000);
	/* Read-only (AP[2]) Device-nGnRE (AttrIndx 1): an MSI doorbell mapped read-only. */
	uint64_t ro = smmuv3_pgt_leaf(0x40002000, SMMUV3_PROT_READ | SMMUV3_PROT_DEVICE);
	assert_int_equal(ro, 0x0060000040002fc7ull);
	assert_int_equal((ro >> 11) & 1, 1); /* nG */
}

static void test_map_lookup_walk(void **state)
{
	struct smmuv3_pgt p;
	assert_int_equal(smmuv3_pgt_init(&p, &fake_ops, 0), 0);
	assert_int_equal(p.table_count, 1);
	assert_int_equal(hw_walk(p.root, 0x70000000), ~0ull); /* zeroed root */
	assert_int_equal(smmuv3_pgt_map(&p, 0x70000000, 0x40001000, 0x2000,
					SMMUV3_PROT_READ | SMMUV3_PROT_WRITE),
			 0);
	assert_int_equal(p.table_count, 4);
	assert_int_equal(p.page_count, 2);
	smmuv3_phys_t pa;
	uint64_t pte;
	assert_int_equal(smmuv3_pgt_lookup(&p, 0x70001abc, &pa, &pte), 0);
	assert_int_equal(pa, 0x40002abc);
	assert_int_equal(pte, smmuv3_pgt_leaf(0x40002000, SMMUV3_PROT_READ | SMMUV3_PROT_WRITE));
	assert_true(pte & SMMUV3_PTE_NG); /* the entry the walk finds is non-global */
	assert_int_equal(hw_walk(p.root, 0x70000010), 0x40001010);
	assert_int_equal(hw_walk(p.root, 0x70001ffc), 0x40002ffc);
	assert_int_equal(smmuv3_pgt_lookup(&p, 0x70002000, &pa, 0), -ENOENT);
	assert_int_equal(hw_walk(p.root, 0x70002000), ~0ull);
	/* Across a 2 MiB and a 512 GiB boundary: new level-3 and level-1..3 tables. */
	assert_int_equal(smmuv3_pgt_map(&p, 0x1ff000, 0x40010000, 0x2000, SMMUV3_PROT_WRITE), 0);
	assert_int_equal(p.table_count, 7);
	assert_int_equal(smmuv3_pgt_map(&p, 0x8000000000ull, 0x40020000, 0x1000, SMMUV3_PROT_READ),
			 0);
	assert_int_equal(p.table_count, 10);
	assert_int_equal(hw_walk(p.root, 0x200008), 0x40011008);
	assert_int_equal(hw_walk(p.root, 0x8000000000ull), 0x40020000);
	assert_int_equal(smmuv3_pgt_lookup(&p, 1ull << 48, &pa, 0), -EINVAL);
	assert_true(fake_syncs > 0);
	smmuv3_pgt_destroy(&p);
	assert_int_equal(fake_in_use, 0);
}

static void test_map_errors_roll_back(void **state)
{
	struct smmuv3_pgt p;
	assert_int_equal(smmuv3_pgt_init(&p, &fake_ops, 0), 0);
	unsigned rw = SMMUV3_PROT_READ | SMMUV3_PROT_WRITE;
	assert_int_equal(smmuv3_pgt_map(&p, 0x1001, 0x2000, 0x1000, rw), -EINVAL);
	assert_int_equal(smmuv3_pgt_map(&p, 0x1000, 0x2001, 0x1000, rw), -EINVAL);
	assert_int_equal(smmuv3_pgt_map(&p, 0x1000, 0x2000, 0, rw), -EINVAL);
	assert_int_equal(smmuv3_pgt_map(&p, 0xfffffffff000ull, 0x2000, 0x2000, rw), -EINVAL);
	assert_int_equal(smmuv3_pgt_map(&p, 0x1000, 0x2000, 0x1000, SMMUV3_PROT_DEVICE), -EINVAL);
	/* The third page is taken: the first two of the call are undone. */
	assert_int_equal(smmuv3_pgt_map(&p, 0x12000, 0x90000, 0x1000, rw), 0);
	assert_int_equal(smmuv3_pgt_map(&p, 0x10000, 0x50000, 0x3000, rw), -EEXIST);
	assert_int_equal(smmuv3_pgt_lookup(&p, 0x10000, 0, 0), -ENOENT);
	assert_int_equal(smmuv3_pgt_lookup(&p, 0x11000, 0, 0), -ENOENT);
	smmuv3_phys_t pa;
	assert_int_equal(smmuv3_pgt_lookup(&p, 0x12000, &pa, 0), 0);
	assert_int_equal(pa, 0x90000);
	assert_int_equal(p.page_count, 1);
	/* Out of tables halfway: the pages mapped before stay unmapped. */
	unsigned tables = p.table_count;
	fake_limit = 0;
	assert_int_equal(smmuv3_pgt_map(&p, 0x1ff000, 0x60000, 0x2000, rw), -ENOMEM);
	assert_int_equal(smmuv3_pgt_lookup(&p, 0x1ff000, 0, 0), -ENOENT);
	assert_int_equal(p.page_count, 1);
	assert_int_equal(p.table_count, tables);
	fake_limit = FAKE_PAGES;
	smmuv3_pgt_destroy(&p);
	assert_int_equal(fake_in_use, 0);
	fake_limit = 0;
	assert_int_equal(smmuv3_pgt_init(&p, &fake_ops, 0), -ENOMEM);
}

static void test_unmap(void **state)
{
	struct smmuv3_pgt p;
	assert_int_equal(smmuv3_pgt_init(&p, &fake_ops, 0), 0);
	assert_int_equal(smmuv3_pgt_map(&p, 0x4000, 0x8000, 0x3000, SMMUV3_PROT_WRITE), 0);
	assert_int_equal(smmuv3_pgt_unmap(&p, 0x5000, 0x1000), 1);
	assert_int_equal(smmuv3_pgt_lookup(&p, 0x5000, 0, 0), -ENOENT);
	assert_int_equal(hw_walk(p.root, 0x5000), ~0ull);
	assert_int_equal(smmuv3_pgt_lookup(&p, 0x6000, 0, 0), 0);
	/* Pages that are not mapped are skipped and not counted. */
	assert_int_equal(smmuv3_pgt_unmap(&p, 0x0000, 0x10000), 2);
	assert_int_equal(p.page_count, 0);
	assert_int_equal(smmuv3_pgt_unmap(&p, 0x4000, 0x1000), 0);
	assert_int_equal(smmuv3_pgt_unmap(&p, 0x4001, 0x1000), -EINVAL);
	/* Mapped again after the unmap. */
	assert_int_equal(smmuv3_pgt_map(&p, 0x5000, 0xa000, 0x1000, SMMUV3_PROT_READ), 0);
	assert_int_equal(hw_walk(p.root, 0x5004), 0xa004);
	smmuv3_pgt_destroy(&p);
	assert_int_equal(fake_in_use, 0);
}

/*
 * Non-coherent walker: every table the builder zeroes and every entry it
 * writes reaches the point of coherency, so the walk on the PoC image finds
 * exactly what the walk on RAM finds, after map, unmap and rollback.
 */
static void test_noncoherent_clean(void **state)
{
	struct smmuv3_pgt p;
	unsigned rw = SMMUV3_PROT_READ | SMMUV3_PROT_WRITE;
	assert_int_equal(smmuv3_pgt_init(&p, &fake_noncoherent_ops, 0), 0);
	assert_int_equal(fake_cleans, 1); /* the zeroed root */
	assert_int_equal(hw_walk_in(fake_poc, p.root, 0x70000000), ~0ull);
	/* 3 new tables (zeroed, then their entries) and 2 leaves. */
	assert_int_equal(smmuv3_pgt_map(&p, 0x70000000, 0x40001000, 0x2000, rw), 0);
	assert_int_equal(fake_cleans, 1 + 3 * 2 + 2);
	assert_int_equal(hw_walk_in(fake_poc, p.root, 0x70000010), 0x40001010);
	assert_int_equal(hw_walk_in(fake_poc, p.root, 0x70001ffc), 0x40002ffc);
	assert_int_equal(memcmp(fake_poc, fake_ram, sizeof(fake_ram[0]) * p.table_count), 0);
	/* An unmapped page is gone for the walker too. */
	assert_int_equal(smmuv3_pgt_unmap(&p, 0x70001000, 0x1000), 1);
	assert_int_equal(hw_walk_in(fake_poc, p.root, 0x70001000), ~0ull);
	assert_int_equal(hw_walk_in(fake_poc, p.root, 0x70000000), 0x40001000);
	/* A rolled-back map leaves no entry behind at the PoC either. */
	assert_int_equal(smmuv3_pgt_map(&p, 0x70002000, 0x50000, 0x1000, rw), 0);
	assert_int_equal(smmuv3_pgt_map(&p, 0x70001000, 0x60000, 0x2000, rw), -EEXIST);
	assert_int_equal(hw_walk_in(fake_poc, p.root, 0x70001000), ~0ull);
	assert_int_equal(hw_walk_in(fake_poc, p.root, 0x70002000), 0x50000);
	assert_int_equal(memcmp(fake_poc, fake_ram, sizeof(fake_ram[0]) * p.table_count), 0);
	smmuv3_pgt_destroy(&p);
	assert_int_equal(fake_in_use, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_leaf_encoding, setup),
		cmocka_unit_test_setup(test_map_lookup_walk, setup),
		cmocka_unit_test_setup(test_map_errors_roll_back, setup),
		cmocka_unit_test_setup(test_unmap, setup),
		cmocka_unit_test_setup(test_noncoherent_clean, setup),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
