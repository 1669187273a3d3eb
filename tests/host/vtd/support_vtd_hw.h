/* SPDX-License-Identifier: MIT */
/*
 * A model of one VT-d unit's registers in host memory, for the host tests
 * that need the unit to answer as hardware does (VT-d 3.x chapter 11):
 *  - GCMD is write-only: each write is logged and GSTS follows it at once
 *    (persistent commands TE, QIE, IRE, CFI as written; SRTP and SIRTP set
 *    their status), except for the bits in gsts_stuck, which never change;
 *    QIE going on resets IQH to 0 (§11.4.10.1);
 *  - FSTS: PFO, IQE, ICE, ITE are RW1C; PPF is read-only, the OR of every
 *    record's F (§11.4.9.1);
 *  - a fault recording register's F (bit 31 of its top dword) is RW1C;
 *  - IQT: with QIES set the queue is consumed at once and each wait
 *    descriptor's status written, unless drain_steps is set: IQH then
 *    reaches IQT after that many arch_cpu_relax calls (FAKE_HW_NEVER: not
 *    at all).
 * Other registers are plain memory.
 */
#ifndef DOORBELL_TESTS_VTD_SUPPORT_VTD_HW_H
#define DOORBELL_TESTS_VTD_SUPPORT_VTD_HW_H

#include <stdint.h>

#define FAKE_HW_GCMD_LOG 16
#define FAKE_HW_NEVER    0xffffffffu

struct fake_hw {
	uint8_t *regs;
	uint32_t gsts_stuck;
	unsigned drain_steps;
	uint32_t gcmd[FAKE_HW_GCMD_LOG]; /* every GCMD write, in order */
	unsigned gcmd_writes;
	unsigned frcd_clears; /* F bits cleared by software */
	unsigned waits_done;  /* wait descriptors whose status was written */
};

/* Take the writes to regs (4 KiB) from now on; hw is zeroed except regs. */
void fake_hw_attach(struct fake_hw *hw, uint8_t *regs);
/* Back to plain memory. */
void fake_hw_detach(void);
/* Set fault record i at its place (CAP.FRO, CAP.NFR from the registers): F, FR, SID, index. */
void fake_hw_fault(unsigned i, unsigned reason, uint16_t sid, uint16_t index);
/* PPF recomputed from the records, FRI set to fri. */
void fake_hw_fsts(uint32_t other_bits, unsigned fri);

uint32_t fake_hw_read32(unsigned off);
uint64_t fake_hw_read64(unsigned off);
void fake_hw_set32(unsigned off, uint32_t v);
void fake_hw_set64(unsigned off, uint64_t v);

#endif
