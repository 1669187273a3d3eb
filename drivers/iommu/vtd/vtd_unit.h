/* SPDX-License-Identifier: MIT */
/*
 * One VT-d remapping unit (a DRHD): its registers (identity mapped), the
 * capabilities, and the global command protocol (VT-d 3.x §11.4.4-11.4.5).
 */
#ifndef DOORBELL_VTD_UNIT_H
#define DOORBELL_VTD_UNIT_H

#include <stdbool.h>
#include <stdint.h>

#define VTD_UNIT_WAIT_US 100000 /* a GSTS bit or an invalidation: generous under TCG */

struct vtd_unit {
	uint64_t base; /* DRHD register base */
	uint32_t ver;  /* VER: major 7:4, minor 3:0 */
	uint64_t cap, ecap;
};

/* Probe the unit at base (aborts caught) and decode it: 0, -EFAULT, -ENODEV. */
int vtd_unit_init(struct vtd_unit *u, uint64_t base);

/* Register accesses (vtd_mmio.c). */
uint32_t vtd_read32(const struct vtd_unit *u, unsigned off);
uint64_t vtd_read64(const struct vtd_unit *u, unsigned off);
void vtd_write32(const struct vtd_unit *u, unsigned off, uint32_t v);
void vtd_write64(const struct vtd_unit *u, unsigned off, uint64_t v);

/*
 * Set (on) or clear one GCMD command bit, keeping the other persistent
 * commands as GSTS reports them (§11.4.4), and wait until GSTS shows the
 * bit in the new state: 0 or -ETIMEDOUT. For a one-shot bit (SIRTP) on
 * must be true: the wait is for the status bit to be set.
 */
int vtd_unit_gcmd(const struct vtd_unit *u, uint32_t bit, bool on);

static inline unsigned vtd_unit_ver_major(const struct vtd_unit *u)
{
	return (u->ver >> 4) & 0xf;
}

static inline unsigned vtd_unit_ver_minor(const struct vtd_unit *u)
{
	return u->ver & 0xf;
}

#endif
