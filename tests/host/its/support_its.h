/* SPDX-License-Identifier: MIT */
/*
 * A fake ITS for the command queue's host tests: the registers are host
 * memory (its->base = fake_its_regs), pages come from host memory whose
 * "physical" addresses are host pointers, the counter advances 1 us per
 * read, and arch_cpu_relax is the ITS: it reads every command between
 * GITS_CREADR and GITS_CWRITER from the queue GITS_CBASER names, logs it
 * and moves GITS_CREADR (or sets Stalled when told to).
 */
#ifndef DOORBELL_TESTS_ITS_SUPPORT_ITS_H
#define DOORBELL_TESTS_ITS_SUPPORT_ITS_H

#include <stdbool.h>
#include <stdint.h>

#define FAKE_ITS_LOG_MAX 64

extern uint8_t *fake_its_regs;
/* Commands the fake ITS consumed, in order. */
extern uint64_t fake_its_log[FAKE_ITS_LOG_MAX][4];
extern unsigned fake_its_logged;
/* Times the fake ITS ran, and how many commands it found each time (the last). */
extern unsigned fake_its_runs, fake_its_last_batch;
/* Stall at the next command instead of consuming it. */
extern bool fake_its_stall;
/* arch_dcache_clean calls and bytes. */
extern uint64_t fake_clean_calls, fake_clean_bytes;

/* Fresh registers, log and counters; pages for the allocator on first use. */
void fake_its_reset(void);
uint64_t fake_its_reg64(unsigned off);

#endif
