/* SPDX-License-Identifier: MIT */
/*
 * The arch hooks the VT-d unit code uses, faked for host tests: a counter
 * that advances 1 us per read (so every deadline passes quickly and
 * deterministically), probe reads from memory, barriers as no-ops, and a
 * page allocator over host memory whose "physical" addresses are host
 * pointers (the identity map the driver assumes). The unit's registers are
 * host memory too: plain stores unless a model of the unit takes the
 * writes (support_vtd_hw.h).
 */
#ifndef DOORBELL_TESTS_VTD_SUPPORT_VTD_H
#define DOORBELL_TESTS_VTD_SUPPORT_VTD_H

#include <stdint.h>

struct vtd_unit;

/* Counter reads so far (each one is 1 us of fake time). */
extern uint64_t fake_counter_reads;
/* arch_dcache_clean calls and bytes. */
extern uint64_t fake_flush_calls, fake_flush_bytes;
/* Give the page allocator pages of host memory (idempotent). */
void fake_pages_init(unsigned pages);
/* When set: every register write goes here instead of memory (size 4 or 8). */
extern void (*fake_vtd_write)(const struct vtd_unit *u, unsigned off, uint64_t v, unsigned size);
/* When set: called by arch_cpu_relax, the unit's model takes a step. */
extern void (*fake_relax_step)(void);

#endif
