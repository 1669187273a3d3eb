/* SPDX-License-Identifier: MIT */
/*
 * Fault recording registers (drivers/iommu/vtd/vtd_fault.c) against a
 * model of the unit (support_vtd_hw.h: F and PFO RW1C, PPF the OR of every
 * F): every one of CAP.NFR records is read from FSTS.FRI round, cleared,
 * and counted even when the caller's array is full (VT-d 3.x §7.3.1,
 * §11.4.9.1, §11.4.14).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/vtd/vtd_fault.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "tests/host/vtd/support_vtd.h"
#include "tests/host/vtd/support_vtd_hw.h"

#define NFR 16
#define FRO 0x22 /* in 16-byte units: records at 0x220 .. 0x31f */

static uint8_t regs[4096] __attribute__((aligned(4096)));
static struct fake_hw hw;
static struct vtd_unit unit;

static int setup(void **state)
{
	(void)state;
	memset(regs, 0, sizeof(regs));
	fake_hw_attach(&hw, regs);
	/* §11.4.2: NFR 47:40 holds the count minus one, FRO 33:24 the offset in 16-byte units. */
	unit = (struct vtd_unit){.base = (uintptr_t)regs,
				 .cap = (uint64_t)(NFR - 1) << 40 | (uint64_t)FRO << 24};
	fake_hw_set64(VTD_REG_CAP, unit.cap);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_hw_detach();
	return 0;
}

static uint64_t frcd_hi(unsigned i)
{
	return fake_hw_read64(FRO * 16 + i * 16 + 8);
}

/* Record i: reason 0x20 + i % 7, SID 0x0100 + i, interrupt index 0x40 + i. */
static void fault(unsigned i)
{
	fake_hw_fault(i, 0x20 + i % 7, (uint16_t)(0x0100 + i), (uint16_t)(0x40 + i));
}

static void assert_record(const struct vtd_fault_record *rec, unsigned i)
{
	assert_int_equal(rec->reason, 0x20 + i % 7);
	assert_int_equal(rec->sid, 0x0100 + i);
	assert_int_equal(rec->index, 0x40 + i);
}

/*
 * All 16 records set, FRI = 9, PFO set (a 17th fault was lost): records 9..15
 * then 0..7 are listed, 8 more are cleared and counted, PFO is cleared and PPF
 * falls with the last F.
 */
static void test_all_records_from_fri(void **state)
{
	for (unsigned i = 0; i < NFR; i++)
		fault(i);
	fake_hw_fsts(VTD_FSTS_PFO, 9);
	struct vtd_fault_report r;
	vtd_fault_read(&unit, &r);
	assert_int_equal(r.fsts, VTD_FSTS_PFO | VTD_FSTS_PPF | 9u << 8);
	assert_int_equal(r.count, VTD_FAULT_MAX_RECORDS);
	assert_int_equal(r.unstored, NFR - VTD_FAULT_MAX_RECORDS);
	for (unsigned k = 0; k < r.count; k++)
		assert_record(&r.rec[k], (9 + k) % NFR);
	assert_int_equal(hw.frcd_clears, NFR);
	for (unsigned i = 0; i < NFR; i++)
		assert_int_equal(frcd_hi(i) & VTD_FRCD_HI_F, 0);
	/* FRI stays as hardware left it; PFO cleared (RW1C), PPF = OR of no F = 0. */
	assert_int_equal(fake_hw_read32(VTD_REG_FSTS), 9u << 8);
}

/*
 * Records 12, 3 and 4 set with FRI = 12 and clear ones between: every
 * register is read, not only up to the first clear one, in order from FRI.
 */
static void test_scattered_records(void **state)
{
	fault(3);
	fault(4);
	fault(12);
	fake_hw_fsts(0, 12);
	struct vtd_fault_report r;
	vtd_fault_read(&unit, &r);
	assert_int_equal(r.count, 3);
	assert_int_equal(r.unstored, 0);
	assert_record(&r.rec[0], 12);
	assert_record(&r.rec[1], 3);
	assert_record(&r.rec[2], 4);
	assert_int_equal(hw.frcd_clears, 3);
	assert_int_equal(fake_hw_read32(VTD_REG_FSTS) & VTD_FSTS_PPF, 0);
}

/* A queue error beside a record: the record is cleared, IQE stays for the queue's owner. */
static void test_queue_error_left(void **state)
{
	fault(0);
	fake_hw_fsts(VTD_FSTS_IQE, 0);
	struct vtd_fault_report r;
	vtd_fault_read(&unit, &r);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.fsts, VTD_FSTS_IQE | VTD_FSTS_PPF);
	assert_int_equal(fake_hw_read32(VTD_REG_FSTS), VTD_FSTS_IQE);
}

/* Nothing recorded: nothing written. */
static void test_no_record(void **state)
{
	fake_hw_fsts(0, 5);
	struct vtd_fault_report r;
	vtd_fault_read(&unit, &r);
	assert_int_equal(r.count, 0);
	assert_int_equal(r.unstored, 0);
	assert_int_equal(hw.frcd_clears, 0);
	assert_int_equal(fake_hw_read32(VTD_REG_FSTS), 5u << 8);
}

/* An FRI beyond NFR (not valid while PPF is clear) still reads every record once. */
static void test_fri_out_of_range(void **state)
{
	fault(1);
	fake_hw_fsts(0, 0xff);
	struct vtd_fault_report r;
	vtd_fault_read(&unit, &r);
	assert_int_equal(r.count, 1);
	assert_record(&r.rec[0], 1);
	assert_int_equal(hw.frcd_clears, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_all_records_from_fri, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scattered_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_error_left, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fri_out_of_range, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
