/* SPDX-License-Identifier: MIT */
/*
 * Hand-over from firmware (drivers/iommu/vtd/vtd_takeover.c) against a
 * model of the unit (support_vtd_hw.h): interrupt remapping and queued
 * invalidation found enabled are turned off one GCMD command per write,
 * each waited for in GSTS (VT-d 3.x §11.4.4), the queue only once drained
 * (IQH = IQT); a status that never changes or a queue that never drains is
 * an error within the deadline (the fake counter moves 1 us per read).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/vtd/vtd_ir.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "drivers/iommu/vtd/vtd_takeover.h"
#include "kernel/errno.h"
#include "tests/host/vtd/support_vtd.h"
#include "tests/host/vtd/support_vtd_hw.h"

#define GSTS_IRTPS VTD_GCMD_SIRTP /* §11.4.5: the table pointer status, bit 24 */

static uint8_t regs[4096] __attribute__((aligned(4096)));
static struct fake_hw hw;
static struct vtd_unit unit;

/* QEMU's unit (VER 1.0, CAP with one fault record at 0x220, ECAP with QI and IR). */
static int setup(void **state)
{
	(void)state;
	memset(regs, 0, sizeof(regs));
	fake_pages_init(64);
	fake_hw_attach(&hw, regs);
	fake_hw_set32(VTD_REG_VER, 0x10);
	fake_hw_set64(VTD_REG_CAP, 0xd2008c22260206ull);
	fake_hw_set64(VTD_REG_ECAP, 0xf00f4aull);
	assert_int_equal(vtd_unit_init(&unit, (uintptr_t)regs), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_hw_detach();
	return 0;
}

/*
 * What firmware leaves after running with remapping (and the compatibility
 * format allowed): IRES, QIES, IRTPS, CFIS; three descriptors still queued
 * (IQH 2, IQT 5) that the unit fetches within 5 polls; one fault recorded.
 */
static void firmware_left_on(void)
{
	fake_hw_set32(VTD_REG_GSTS, VTD_GCMD_IRE | VTD_GCMD_QIE | GSTS_IRTPS | VTD_GCMD_CFI);
	fake_hw_set64(VTD_REG_IQH, 2 << 4);
	fake_hw_set64(VTD_REG_IQT, 5 << 4);
	hw.drain_steps = 5;
	fake_hw_fault(0, 0x22, 0x0018, 3);
	fake_hw_fsts(0, 0);
}

static void test_clean(void **state)
{
	struct vtd_takeover t;
	const char *what = "?";
	assert_int_equal(vtd_takeover(&unit, &t, &what), 0);
	assert_string_equal(what, "");
	assert_false(t.ir_was_on);
	assert_false(t.qi_was_on);
	assert_int_equal(t.faults, 0);
	assert_int_equal(hw.gcmd_writes, 0);
}

/*
 * IRE off first (QIE and CFI written back as GSTS shows them, the one-shot
 * IRTPS not), the fault record cleared, the queue drained, then QIE off.
 */
static void test_ir_and_qi_taken_over(void **state)
{
	firmware_left_on();
	struct vtd_takeover t;
	const char *what;
	assert_int_equal(vtd_takeover(&unit, &t, &what), 0);
	assert_true(t.ir_was_on);
	assert_true(t.qi_was_on);
	assert_int_equal(t.gsts, VTD_GCMD_IRE | VTD_GCMD_QIE | GSTS_IRTPS | VTD_GCMD_CFI);
	assert_int_equal(t.faults, 1);
	assert_int_equal(hw.gcmd_writes, 2);
	assert_int_equal(hw.gcmd[0], VTD_GCMD_QIE | VTD_GCMD_CFI);
	assert_int_equal(hw.gcmd[1], VTD_GCMD_CFI);
	assert_int_equal(hw.drain_steps, 0); /* QIE cleared only after the 5 polls of the drain */
	assert_int_equal(hw.frcd_clears, 1);
	assert_int_equal(fake_hw_read32(VTD_REG_GSTS), GSTS_IRTPS | VTD_GCMD_CFI);
	assert_int_equal(fake_hw_read32(VTD_REG_FSTS) & VTD_FSTS_PPF, 0);
}

/*
 * The whole bring-up after such a firmware: taken over, then doorbell's own
 * queue, table pointer, CFI cleared and IRE, one command per write (§11.4.4).
 */
static void test_enable_after_firmware(void **state)
{
	firmware_left_on();
	struct vtd_ir ir;
	const char *what;
	assert_int_equal(vtd_ir_enable(&ir, (uintptr_t)regs, 256, false, false, &what), 0);
	assert_true(ir.enabled);
	assert_true(ir.takeover.ir_was_on);
	assert_true(ir.takeover.qi_was_on);
	const uint32_t want[] = {
		VTD_GCMD_QIE | VTD_GCMD_CFI,                  /* firmware's IRE off */
		VTD_GCMD_CFI,                                 /* firmware's QIE off */
		VTD_GCMD_CFI | VTD_GCMD_QIE,                  /* own queue */
		VTD_GCMD_CFI | VTD_GCMD_QIE | VTD_GCMD_SIRTP, /* own table */
		VTD_GCMD_QIE,                                 /* CFI off: compatibility blocked */
		VTD_GCMD_QIE | VTD_GCMD_IRE,                  /* remapping on */
	};
	assert_int_equal(hw.gcmd_writes, 6);
	for (unsigned i = 0; i < 6; i++)
		assert_int_equal(hw.gcmd[i], want[i]);
	assert_int_equal(fake_hw_read32(VTD_REG_GSTS), VTD_GCMD_QIE | VTD_GCMD_IRE | GSTS_IRTPS);
	assert_int_equal(fake_hw_read64(VTD_REG_IQA) & 0xfff, 0); /* 128-bit descriptors, QS 0 */
	assert_int_equal(fake_hw_read64(VTD_REG_IRTA), ir.irta);
	assert_int_equal(hw.waits_done, 1); /* the global IEC invalidation, waited for */
}

/* GSTS.IRES never clears: -ETIMEDOUT within the deadline, one write, the queue left on. */
static void test_ire_never_clears(void **state)
{
	firmware_left_on();
	hw.gsts_stuck = VTD_GCMD_IRE;
	struct vtd_takeover t;
	const char *what;
	uint64_t reads = fake_counter_reads;
	assert_int_equal(vtd_takeover(&unit, &t, &what), -ETIMEDOUT);
	uint64_t spent = fake_counter_reads - reads;
	assert_true(spent >= VTD_UNIT_WAIT_US && spent <= VTD_UNIT_WAIT_US + 16);
	assert_string_equal(what, "GCMD.IRE clear (firmware's remapping)");
	assert_int_equal(hw.gcmd_writes, 1);
	assert_int_equal(hw.gcmd[0], VTD_GCMD_QIE | VTD_GCMD_CFI);
	/* The queue stays the firmware's: QIE never written off. */
	assert_int_equal(fake_hw_read32(VTD_REG_GSTS) & VTD_GCMD_QIE, VTD_GCMD_QIE);
}

/* The firmware's queue never drains: QIE is never cleared under pending descriptors. */
static void test_queue_never_drains(void **state)
{
	fake_hw_set32(VTD_REG_GSTS, VTD_GCMD_QIE);
	fake_hw_set64(VTD_REG_IQH, 1 << 4);
	fake_hw_set64(VTD_REG_IQT, 3 << 4);
	hw.drain_steps = FAKE_HW_NEVER;
	struct vtd_takeover t;
	const char *what;
	uint64_t reads = fake_counter_reads;
	assert_int_equal(vtd_takeover(&unit, &t, &what), -ETIMEDOUT);
	assert_true(fake_counter_reads - reads <= VTD_UNIT_WAIT_US + 16);
	assert_string_equal(what, "firmware's invalidation queue drain");
	assert_false(t.ir_was_on);
	assert_true(t.qi_was_on);
	assert_int_equal(hw.gcmd_writes, 0);
	assert_int_equal(fake_hw_read32(VTD_REG_GSTS), VTD_GCMD_QIE);
}

/* GSTS.QIES never clears: -ETIMEDOUT, one write of QIE off. */
static void test_qie_never_clears(void **state)
{
	fake_hw_set32(VTD_REG_GSTS, VTD_GCMD_QIE);
	hw.gsts_stuck = VTD_GCMD_QIE;
	struct vtd_takeover t;
	const char *what;
	assert_int_equal(vtd_takeover(&unit, &t, &what), -ETIMEDOUT);
	assert_string_equal(what, "GCMD.QIE clear (firmware's queue)");
	assert_int_equal(hw.gcmd_writes, 1);
	assert_int_equal(hw.gcmd[0], 0);
}

/* Through vtd_ir_enable: the step is named and remapping stays off. */
static void test_enable_stops_at_takeover(void **state)
{
	firmware_left_on();
	hw.gsts_stuck = VTD_GCMD_IRE;
	struct vtd_ir ir;
	const char *what;
	assert_int_equal(vtd_ir_enable(&ir, (uintptr_t)regs, 256, false, false, &what), -ETIMEDOUT);
	assert_string_equal(what, "GCMD.IRE clear (firmware's remapping)");
	assert_false(ir.enabled);
	assert_false(ir.qi.enabled);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_clean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ir_and_qi_taken_over, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enable_after_firmware, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ire_never_clears, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_never_drains, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qie_never_clears, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enable_stops_at_takeover, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
