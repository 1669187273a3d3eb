/* SPDX-License-Identifier: MIT */
/*
 * Bad input for a unit, with its registers in host memory that never
 * answers like hardware: registers that read all ones, a GSTS bit that never
 * sets, an invalidation wait that never completes. Each ends with a clear
 * error within its deadline (the fake counter moves 1 us per read) and
 * remapping left off.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/vtd/vtd_ir.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/errno.h"
#include "tests/host/vtd/support_vtd.h"
#include "tests/host/vtd/support_vtd_hw.h"

static uint8_t regs[4096] __attribute__((aligned(4096)));

static void reg32(unsigned off, uint32_t v)
{
	memcpy(&regs[off], &v, 4);
}

static void reg64(unsigned off, uint64_t v)
{
	memcpy(&regs[off], &v, 8);
}

/* A unit that looks like QEMU's (VER 1.0, QI and IR) but whose GSTS never follows GCMD. */
static int setup(void **state)
{
	memset(regs, 0, sizeof(regs));
	reg32(VTD_REG_VER, 0x10);
	reg64(VTD_REG_CAP, 0xd2008c22260206ull);
	reg64(VTD_REG_ECAP, 0xf00f4aull);
	fake_pages_init(64);
	return 0;
}

static uint64_t base(void)
{
	return (uintptr_t)regs;
}

static void test_no_answer(void **state)
{
	memset(regs, 0xff, sizeof(regs));
	struct vtd_unit u;
	assert_int_equal(vtd_unit_init(&u, base()), -ENODEV);
	memset(regs, 0, sizeof(regs)); /* version 0.0: nothing decodes the address */
	assert_int_equal(vtd_unit_init(&u, base()), -ENODEV);
}

static void test_gsts_never_sets(void **state)
{
	struct vtd_unit u;
	assert_int_equal(vtd_unit_init(&u, base()), 0);
	uint64_t reads = fake_counter_reads;
	assert_int_equal(vtd_unit_gcmd(&u, VTD_GCMD_QIE, true), -ETIMEDOUT);
	/* The deadline, not a spin forever: about VTD_UNIT_WAIT_US reads of the 1 us counter. */
	uint64_t spent = fake_counter_reads - reads;
	assert_true(spent >= VTD_UNIT_WAIT_US && spent <= VTD_UNIT_WAIT_US + 16);
	uint32_t cmd;
	memcpy(&cmd, &regs[VTD_REG_GCMD], 4);
	assert_int_equal(cmd, VTD_GCMD_QIE); /* it asked, once */
}

static void test_enable_stops_at_qi(void **state)
{
	struct vtd_ir ir;
	const char *what;
	assert_int_equal(vtd_ir_enable(&ir, base(), 256, false, false, &what), -ETIMEDOUT);
	assert_string_equal(what, "queued invalidation");
	assert_false(ir.enabled);
	assert_false(ir.qi.enabled);
}

/* GSTS answers QIE but the unit never writes the wait descriptor's status. */
static void test_invalidation_never_completes(void **state)
{
	struct vtd_unit u;
	assert_int_equal(vtd_unit_init(&u, base()), 0);
	reg32(VTD_REG_GSTS, VTD_GCMD_QIE); /* "already on": the wait ends at once */
	struct vtd_qi q;
	assert_int_equal(vtd_qi_enable(&q, &u), 0);
	uint64_t reads = fake_counter_reads;
	assert_int_equal(vtd_qi_iec_global(&q), -ETIMEDOUT);
	assert_true(fake_counter_reads - reads <= VTD_UNIT_WAIT_US + 16);
	/* The descriptors were queued and the tail moved past the wait descriptor. */
	uint64_t iqt;
	memcpy(&iqt, &regs[VTD_REG_IQT], 8);
	assert_int_equal(iqt, 2 << 4);
	assert_int_equal(q.queue[0].lo, vtd_qi_desc_iec_global().lo);
	assert_int_equal(q.queue[1].lo & 0xf, 0x5);
}

/* The whole bring-up with QIE answering and SIRTP never answering: off, named. */
static void test_enable_stops_at_sirtp(void **state)
{
	struct fake_hw hw;
	fake_hw_attach(&hw, regs);
	hw.gsts_stuck = VTD_GCMD_SIRTP; /* GSTS.IRTPS never sets */
	struct vtd_ir ir;
	const char *what;
	int err = vtd_ir_enable(&ir, base(), 256, false, false, &what);
	fake_hw_detach();
	assert_int_equal(err, -ETIMEDOUT);
	assert_string_equal(what, "GCMD.SIRTP");
	assert_false(ir.enabled);
	/* §11.4.4: QIE, then SIRTP with QIE kept: two writes, one command each. */
	assert_int_equal(hw.gcmd_writes, 2);
	assert_int_equal(hw.gcmd[0], VTD_GCMD_QIE);
	assert_int_equal(hw.gcmd[1], VTD_GCMD_QIE | VTD_GCMD_SIRTP);
	uint64_t irta;
	memcpy(&irta, &regs[VTD_REG_IRTA], 8);
	assert_int_equal(irta & 0xf, 7);   /* 256 entries: S = 7 */
	assert_true(fake_flush_calls > 0); /* ECAP.C = 0: the zeroed table was written back */
}

static void test_queue_error_reported(void **state)
{
	struct vtd_unit u;
	assert_int_equal(vtd_unit_init(&u, base()), 0);
	reg32(VTD_REG_GSTS, VTD_GCMD_QIE);
	struct vtd_qi q;
	assert_int_equal(vtd_qi_enable(&q, &u), 0);
	reg32(VTD_REG_FSTS, VTD_FSTS_ITE); /* an invalidation time-out, as hardware reports it */
	assert_int_equal(vtd_qi_iec_global(&q), -ETIMEDOUT);
	assert_int_equal(q.fsts_errors, VTD_FSTS_ITE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_no_answer, setup),
		cmocka_unit_test_setup(test_gsts_never_sets, setup),
		cmocka_unit_test_setup(test_enable_stops_at_qi, setup),
		cmocka_unit_test_setup(test_invalidation_never_completes, setup),
		cmocka_unit_test_setup(test_enable_stops_at_sirtp, setup),
		cmocka_unit_test_setup(test_queue_error_reported, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
