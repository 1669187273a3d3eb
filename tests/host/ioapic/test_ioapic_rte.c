/* SPDX-License-Identifier: MIT */
/*
 * I/O APIC redirection entries from composed messages (drivers/ioapic/ioapic_rte.c):
 * the remappable format's exact bits (VT-d §5.1.5.1: bit 48, handle in 63:49
 * and 11, the IRTE's vector), the compatibility format (82093AA §3.2.4), and
 * the HPET's route choice (drivers/hpet/hpet_route.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "drivers/hpet/hpet_regs.h"
#include "drivers/ioapic/ioapic_rte.h"
#include "kernel/errno.h"

static const struct ioapic_pin_cfg edge_high = {.level = false, .active_low = false};
static const struct ioapic_pin_cfg level_low = {.level = true, .active_low = true};

/* A remappable message as the VT-d level composes it: SHV set, subhandle 0. */
static struct msi_msg remap_msg(uint16_t handle)
{
	struct msi_msg m = {0};
	m.address_lo = 0xfee00000u | (uint32_t)(handle & 0x7fff) << 5 | 1u << 4 | 1u << 3 |
		       (uint32_t)(handle >> 15) << 2;
	return m;
}

static void test_rte_remappable_low_handle(void **state)
{
	struct msi_msg m = remap_msg(5);
	uint64_t rte = 0;
	assert_int_equal(ioapic_rte_from_msg(&m, 0x21, &edge_high, false, &rte), 0);
	/* bit 48 format, handle 5 in 63:49, vector 0x21, nothing else */
	assert_int_equal(rte, (1ull << 48) | (5ull << 49) | 0x21);
	uint16_t h = 0;
	assert_true(ioapic_rte_handle(rte, &h));
	assert_int_equal(h, 5);
}

static void test_rte_remappable_handle_bit15(void **state)
{
	struct msi_msg m = remap_msg(0x8000 | 0x7fff);
	uint64_t rte = 0;
	assert_int_equal(ioapic_rte_from_msg(&m, 0xef, &level_low, true, &rte), 0);
	uint64_t want = (1ull << 48) | (0x7fffull << 49) | (1ull << 11) | (1ull << 16) |
			(1ull << 15) | (1ull << 13) | 0xef;
	assert_int_equal(rte, want);
	uint16_t h = 0;
	assert_true(ioapic_rte_handle(rte, &h));
	assert_int_equal(h, 0xffff);
	/* 47:17 reserved, 10:8 zero */
	assert_int_equal(rte & (0x7fffffffull << 17), 0);
	assert_int_equal(rte & (7ull << 8), 0);
}

static void test_rte_remappable_subhandle_refused(void **state)
{
	struct msi_msg m = remap_msg(3);
	m.data = 1;
	uint64_t rte = 0;
	assert_int_equal(ioapic_rte_from_msg(&m, 0x30, &edge_high, false, &rte), -EINVAL);
	m.data = 0;
	assert_int_equal(ioapic_rte_from_msg(&m, 0x05, &edge_high, false, &rte), -EINVAL);
}

static void test_rte_compat(void **state)
{
	struct msi_msg m = {.address_lo = 0xfee00000u | 0x03u << 12, .data = 0x31};
	uint64_t rte = 0;
	assert_int_equal(ioapic_rte_from_msg(&m, 0x31, &edge_high, false, &rte), 0);
	assert_int_equal(rte, (3ull << 56) | 0x31);
	uint16_t h;
	assert_false(ioapic_rte_handle(rte, &h));
	/* logical mode, lowest priority (data 10:8 = 1), level active low, masked */
	m = (struct msi_msg){.address_lo = 0xfee00000u | 0xffu << 12 | 1u << 2, .data = 0x140};
	assert_int_equal(ioapic_rte_from_msg(&m, 0x40, &level_low, true, &rte), 0);
	assert_int_equal(rte, (0xffull << 56) | (1ull << 16) | (1ull << 15) | (1ull << 13) |
				      (1ull << 11) | (1ull << 8) | 0x40);
}

static void test_rte_compat_too_wide(void **state)
{
	uint64_t rte = 0;
	struct msi_msg ext = {.address_lo = 0xfee00000u | 1u << 5, .data = 0x31};
	assert_int_equal(ioapic_rte_from_msg(&ext, 0x31, &edge_high, false, &rte), -ERANGE);
	struct msi_msg hi = {.address_lo = 0xfee00000u, .address_hi = 1, .data = 0x31};
	assert_int_equal(ioapic_rte_from_msg(&hi, 0x31, &edge_high, false, &rte), -ERANGE);
	struct msi_msg bad = {.address_lo = 0xfed00000u, .data = 0x31};
	assert_int_equal(ioapic_rte_from_msg(&bad, 0x31, &edge_high, false, &rte), -EINVAL);
}

static void test_hpet_route_pick(void **state)
{
	/* QEMU q35: IRQ 2, 8 and 16-23 (Tn_INT_ROUTE_CAP 0x00ff0104) */
	assert_int_equal(hpet_route_pick(0x00ff0104u, 16, 23, 16), 16);
	assert_int_equal(hpet_route_pick(0x00ff0104u, 0, 23, 16), 16);
	assert_int_equal(hpet_route_pick(0x00000104u, 0, 23, 16), 2);
	assert_int_equal(hpet_route_pick(0x00000104u, 16, 23, 16), -1);
	assert_int_equal(hpet_route_pick(0x80000000u, 0, 31, 16), 31);
	assert_int_equal(hpet_route_pick(0, 0, 31, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rte_remappable_low_handle),
		cmocka_unit_test(test_rte_remappable_handle_bit15),
		cmocka_unit_test(test_rte_remappable_subhandle_refused),
		cmocka_unit_test(test_rte_compat),
		cmocka_unit_test(test_rte_compat_too_wide),
		cmocka_unit_test(test_hpet_route_pick),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
