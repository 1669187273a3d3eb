/* SPDX-License-Identifier: MIT */
/*
 * Interrupt remapping on one unit (VT-d 3.x §5.1, §6.5.2, §11.4.11): the
 * table, IRTA, SIRTP then IRE through GCMD with GSTS checks, queued
 * invalidation of the interrupt entry cache. Compatibility-format
 * interrupts stay blocked (GCMD.CFI clear) unless allowed.
 *
 * Entries are written so that the unit never sees a torn one (§9.10): a
 * new entry gets its high qword first and its low qword (with P) last; a
 * change of the low fields alone is one 64-bit store; a live entry whose
 * high qword changes is one 16-byte atomic store (arch_store128); removal
 * clears P first. With ECAP.C = 0 each written entry is flushed from the
 * caches (arch_dcache_clean). Every change is followed by an IEC
 * invalidation that is waited for.
 */
#ifndef DOORBELL_VTD_IR_H
#define DOORBELL_VTD_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/vtd/vtd_irte.h"
#include "drivers/iommu/vtd/vtd_qi.h"
#include "drivers/iommu/vtd/vtd_takeover.h"
#include "drivers/iommu/vtd/vtd_unit.h"

#define VTD_IR_MAX_ENTRIES 256

struct vtd_ir {
	struct vtd_unit unit;
	struct vtd_qi qi;
	volatile struct vtd_irte *table; /* identity mapped: also its physical address */
	uint32_t count;                  /* entries: 2^(IRTA.S + 1) */
	uint64_t irta;                   /* as programmed */
	bool eime;                       /* x2APIC mode (IRTA.EIME) */
	bool cfi;                        /* compatibility format allowed (GCMD.CFI) */
	bool enabled;
	uint32_t atomic128;           /* live entries rewritten with a 16-byte store */
	struct vtd_takeover takeover; /* what firmware had left enabled */
};

/*
 * Bring up remapping on the unit at base: what firmware left enabled taken
 * over (vtd_takeover.h), QI, a table of count entries (a power of two,
 * 2..VTD_IR_MAX_ENTRIES), SIRTP, global IEC invalidation, CFI as asked,
 * IRE. 0, or the errno of the step that failed, with *what
 * naming it; remapping is then left off.
 */
int vtd_ir_enable(struct vtd_ir *ir, uint64_t base, uint32_t count, bool eime, bool allow_cfi,
		  const char **what);

/* Entry writes (no torn entry, see above) followed by the IEC invalidation of index. */
int vtd_ir_set(struct vtd_ir *ir, uint32_t index, struct vtd_irte e); /* new or changed */
int vtd_ir_clear(struct vtd_ir *ir, uint32_t index);                  /* not present */
struct vtd_irte vtd_ir_get(const struct vtd_ir *ir, uint32_t index);

#endif
