/* SPDX-License-Identifier: MIT */
/*
 * The arch hooks the VT-d unit code uses, faked for host tests: a counter
 * that advances 1 us per read (so every deadline passes quickly and
 * deterministically), probe reads from memory, barriers as no-ops, and a
 * page allocator over host memory whose "physical" addresses are host
 * pointers (the identity map the driver assumes).
 */
#ifndef DOORBELL_TESTS_VTD_SUPPORT_VTD_H
#define DOORBELL_TESTS_VTD_SUPPORT_VTD_H

#include <stdint.h>

/* Counter reads so far (each one is 1 us of fake time). */
extern uint64_t fake_counter_reads;
/* arch_dcache_clean calls and bytes. */
extern uint64_t fake_flush_calls, fake_flush_bytes;
/* Give the page allocator pages of host memory (idempotent). */
void fake_pages_init(unsigned pages);

#endif
