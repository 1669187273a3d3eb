/* SPDX-License-Identifier: MIT */
/*
 * CTR_EL0.DminLine (Arm ARM D13.2 CTR_EL0, bits 19:16): log2 of the words
 * (4 bytes) in the smallest data cache line; the line DC CVAC steps by.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arch/aarch64/cache_ctr.h"

static void test_dminline(void **state)
{
	/* Cortex-A57/A72 and QEMU's max CPU: 0x8444c004, DminLine 4: 64-byte lines. */
	assert_int_equal(aarch64_ctr_dminline_bytes(0x8444c004ull), 64);
	/* DminLine 3: 32-byte lines, where a fixed 64-byte step would skip every other line. */
	assert_int_equal(aarch64_ctr_dminline_bytes(0x84438004ull), 32);
	/* DminLine 5: 128-byte lines. */
	assert_int_equal(aarch64_ctr_dminline_bytes(0x84458004ull), 128);
	/* The field's extremes: 0 -> one word, 15 -> 128 KiB; other fields are ignored. */
	assert_int_equal(aarch64_ctr_dminline_bytes(0), 4);
	assert_int_equal(aarch64_ctr_dminline_bytes(0xfull << 16), 131072);
	assert_int_equal(aarch64_ctr_dminline_bytes(~(0xfull << 16)), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dminline),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
