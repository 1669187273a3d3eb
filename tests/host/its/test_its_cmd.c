/* SPDX-License-Identifier: MIT */
/*
 * The ITS command queue over a fake ITS (support_its.c): GITS_CBASER as
 * programmed (IHI 0069H §12.19.2), the 32-byte encodings (§5.3: opcode in
 * DW0[7:0], DeviceID in DW0[63:32], EventID in DW1[31:0], pINTID in
 * DW1[63:32], ICID in DW2[15:0], RDbase in DW2[51:16], V in DW2[63], MAPD
 * Size in DW1[4:0], ITT_addr in DW2[51:8]), and the MOVI sequence: MOVI
 * then a SYNC to the old and to the new redistributor, in one batch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/irqchip/gic_its.h"
#include "drivers/irqchip/gic_its_regs.h"
#include "kernel/errno.h"
#include "tests/host/its/support_its.h"

static struct gic_its its;

static int setup(void **state)
{
	fake_its_reset();
	memset(&its, 0, sizeof(its));
	its.base = (uint64_t)(uintptr_t)fake_its_regs;
	assert_int_equal(gic_its_cmd_init(&its), 0);
	return 0;
}

static void test_cbaser(void **state)
{
	/* Valid, InnerCache RaWaWb (0b111 << 59), Inner Shareable (1 << 10), Size 15 (64 KiB). */
	assert_int_equal(its.cq & 0xffff, 0);
	assert_int_equal(fake_its_reg64(GITS_CBASER), 0xb800000000000400ull | its.cq | 15);
	assert_int_equal(its.cq_size, 65536);
	assert_int_equal(fake_its_reg64(GITS_CWRITER), 0);
	assert_false(its.clean);
	assert_int_equal(fake_clean_calls, 0);
}

static void test_movi_sync_two_redists(void **state)
{
	assert_int_equal(gic_its_movi_sync(&its, 0x10, 3, 1, 0x00000, 0x10000), 0);
	/* One batch of three, one CWRITER write. */
	assert_int_equal(fake_its_logged, 3);
	assert_int_equal(fake_its_last_batch, 3);
	assert_int_equal(fake_its_reg64(GITS_CWRITER), 96);
	assert_int_equal(fake_its_reg64(GITS_CREADR), 96);
	/* MOVI: DeviceID 0x10, EventID 3, ICID 1. */
	assert_int_equal(fake_its_log[0][0], 0x0000001000000001ull);
	assert_int_equal(fake_its_log[0][1], 3);
	assert_int_equal(fake_its_log[0][2], 1);
	assert_int_equal(fake_its_log[0][3], 0);
	/* SYNC to the old redistributor (processor 0), then to the new one (processor 1). */
	assert_int_equal(fake_its_log[1][0], GITS_CMD_SYNC);
	assert_int_equal(fake_its_log[1][1], 0);
	assert_int_equal(fake_its_log[1][2], 0x00000);
	assert_int_equal(fake_its_log[2][0], GITS_CMD_SYNC);
	assert_int_equal(fake_its_log[2][2], 0x10000);
	assert_int_equal(its.cmd_count, 3);
	assert_int_equal(its.sync_count, 2);
}

static void test_movi_sync_same_redist(void **state)
{
	/* Two collections on one redistributor: one SYNC is enough. */
	assert_int_equal(gic_its_movi_sync(&its, 7, 0, 2, 0x20000, 0x20000), 0);
	assert_int_equal(fake_its_logged, 2);
	assert_int_equal(fake_its_log[0][0], 0x0000000700000001ull);
	assert_int_equal(fake_its_log[0][2], 2);
	assert_int_equal(fake_its_log[1][0], GITS_CMD_SYNC);
	assert_int_equal(fake_its_log[1][2], 0x20000);
	assert_int_equal(its.cmd_count, 2);
	assert_int_equal(its.sync_count, 1);
}

/* A non-snooping ITS: every command of a batch is cleaned (32 bytes) before CWRITER. */
static void test_clean_commands(void **state)
{
	its.clean = true;
	assert_int_equal(gic_its_movi_sync(&its, 1, 1, 1, 0, 0x10000), 0);
	assert_int_equal(fake_clean_calls, 3);
	assert_int_equal(fake_clean_bytes, 96);
}

/* DeviceID bits 32 (GITS_TYPER.Devbits = 31): the top DeviceID encodes whole. */
static void test_devid_32_bits(void **state)
{
	assert_int_equal(gic_its_mapd(&its, 0xffffffffu, 0x40123400ull, 32, true), 0);
	/* MAPD: Size = log2(32) - 1 = 4, ITT 256-byte aligned, V. */
	assert_int_equal(fake_its_log[0][0], 0xffffffff00000008ull);
	assert_int_equal(fake_its_log[0][1], 4);
	assert_int_equal(fake_its_log[0][2], 0x8000000040123400ull);
	assert_int_equal(gic_its_mapti(&its, 0xffffffffu, 255, 16383, 31), 0);
	assert_int_equal(fake_its_log[1][0], 0xffffffff0000000aull);
	assert_int_equal(fake_its_log[1][1], 0x00003fff000000ffull);
	assert_int_equal(fake_its_log[1][2], 31);
	assert_int_equal(gic_its_movi_sync(&its, 0xffffffffu, 255, 0, 0x10000, 0), 0);
	assert_int_equal(fake_its_log[2][0], 0xffffffff00000001ull);
	assert_int_equal(fake_its_log[2][1], 255);
	/* MAPD with 256 events: Size 7; unmapping (V = 0) leaves ITT_addr 0. */
	assert_int_equal(gic_its_mapd(&its, 0x80000000u, 0, 256, false), 0);
	assert_int_equal(fake_its_log[5][0], 0x8000000000000008ull);
	assert_int_equal(fake_its_log[5][1], 7);
	assert_int_equal(fake_its_log[5][2], 0);
}

static void test_other_encodings(void **state)
{
	assert_int_equal(gic_its_mapc(&its, 3, 0x30000, true), 0);
	assert_int_equal(fake_its_log[0][0], GITS_CMD_MAPC);
	assert_int_equal(fake_its_log[0][2], 0x8000000000030003ull);
	assert_int_equal(gic_its_inv(&its, 5, 9), 0);
	assert_int_equal(fake_its_log[1][0], 0x000000050000000cull);
	assert_int_equal(fake_its_log[1][1], 9);
	assert_int_equal(gic_its_discard(&its, 5, 9), 0);
	assert_int_equal(fake_its_log[2][0], 0x000000050000000full);
	assert_int_equal(gic_its_sync(&its, 0x40000), 0);
	assert_int_equal(fake_its_log[3][0], GITS_CMD_SYNC);
	assert_int_equal(fake_its_log[3][2], 0x40000);
}

/* A stalled ITS (GITS_CREADR.Stalled, §12.19.5): -EIO, counted; the batch is not retried. */
static void test_stall(void **state)
{
	fake_its_stall = true;
	assert_int_equal(gic_its_movi_sync(&its, 1, 1, 1, 0, 0x10000), -EIO);
	assert_int_equal(its.stall_count, 1);
	assert_int_equal(fake_its_logged, 0);
	assert_int_equal(fake_its_reg64(GITS_CWRITER), 96);
}

/* The ring wraps: a batch that crosses the end continues at offset 0. */
static void test_wrap(void **state)
{
	uint32_t end = its.cq_size - GITS_CMD_SIZE;
	its.cq_write = end;
	*(volatile uint64_t *)(fake_its_regs + GITS_CWRITER) = end;
	*(volatile uint64_t *)(fake_its_regs + GITS_CREADR) = end;
	assert_int_equal(gic_its_movi_sync(&its, 2, 4, 1, 0, 0x10000), 0);
	assert_int_equal(fake_its_logged, 3);
	assert_int_equal(fake_its_reg64(GITS_CWRITER), 64);
	assert_int_equal(fake_its_log[0][0], 0x0000000200000001ull);
	assert_int_equal(fake_its_log[2][2], 0x10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_cbaser, setup),
		cmocka_unit_test_setup(test_movi_sync_two_redists, setup),
		cmocka_unit_test_setup(test_movi_sync_same_redist, setup),
		cmocka_unit_test_setup(test_clean_commands, setup),
		cmocka_unit_test_setup(test_devid_32_bits, setup),
		cmocka_unit_test_setup(test_other_encodings, setup),
		cmocka_unit_test_setup(test_stall, setup),
		cmocka_unit_test_setup(test_wrap, setup),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
