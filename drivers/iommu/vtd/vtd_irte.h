/* SPDX-License-Identifier: MIT */
/*
 * Interrupt remapping table entries and remappable-format messages
 * (VT-d 3.x §9.10 and §5.1.2.2). Pure logic: host-tested.
 *
 * IRTE, remapped format (IM = 0), low qword:
 *   0 P, 1 FPD, 2 DM, 3 RH, 4 TM, 7:5 DLM, 11:8 AVL, 14:12 rsvd, 15 IM,
 *   23:16 V, 31:24 rsvd, 63:32 DST (xAPIC: APIC ID in 47:40, the rest rsvd)
 * high qword: 15:0 SID, 17:16 SQ, 19:18 SVT, 63:20 rsvd.
 */
#ifndef DOORBELL_VTD_IRTE_H
#define DOORBELL_VTD_IRTE_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/pci/pci_alias.h"
#include "kernel/irq/irq_types.h"

struct vtd_irte {
	uint64_t lo, hi;
};

#define VTD_IRTE_P (1ull << 0)

#define VTD_SVT_NONE 0u /* no source-id verification */
#define VTD_SVT_SID  1u /* verify SID with the SQ mask */
#define VTD_SVT_BUS  2u /* SID holds a bus range */

#define VTD_DLM_FIXED 0u

struct vtd_irte_fields {
	bool present;
	bool fpd;        /* fault processing disable */
	unsigned dm;     /* destination mode: 0 physical */
	unsigned rh;     /* redirection hint */
	unsigned tm;     /* trigger mode: 0 edge */
	unsigned dlm;    /* delivery mode: 0 fixed */
	unsigned vector; /* 8 bits */
	uint32_t dest;   /* APIC ID (xAPIC: 8 bits; x2APIC with EIME: 32) */
	uint16_t sid;
	unsigned sq, svt;
};

/* Encode f (IM = 0, remapped). eime: the table is in x2APIC mode (IRTA.EIME). */
struct vtd_irte vtd_irte_encode(const struct vtd_irte_fields *f, bool eime);
void vtd_irte_decode(struct vtd_irte e, bool eime, struct vtd_irte_fields *f);
/*
 * The remapped entry that delivers vector to the CPU with APIC ID dest
 * (Linux: prepare_irte): present, physical, edge, fixed, source-id fields
 * from source. §9.10: with eime (x2APIC mode) DST is the full 32-bit x2APIC
 * ID in bits 63:32; without it the 8-bit APIC ID in bits 47:40. 0, or
 * -EINVAL when dest does not fit 8 bits in xAPIC mode or the vector is
 * below 0x10 (SDM Vol. 3A §10.5.2: illegal).
 */
int vtd_irte_prepare(uint32_t vector, uint32_t dest, bool eime,
		     const struct vtd_irte_fields *source, struct vtd_irte *e);
/* Reserved bits set in a remapped-format entry (§9.10); 0 when clean. */
struct vtd_irte vtd_irte_reserved(struct vtd_irte e, bool eime);

/*
 * Source-id verification for what a PCI function's writes carry (§9.10,
 * Table "Source-id qualifier"): the exact requester id (SVT = 1, SQ = 0:
 * all 16 bits compared), or a bus range (SVT = 2, SID = first bus << 8 |
 * last bus) when a bridge leaves only the bus certain.
 */
void vtd_irte_source(const struct pci_requester *r, struct vtd_irte_fields *f);

/* Remappable MSI (§5.1.2.2): 0xFEE, handle 14:0 in 19:5, format bit 4, SHV bit 3, handle 15 in 2. */
#define VTD_MSI_FORMAT_REMAP (1u << 4)
#define VTD_MSI_SHV          (1u << 3)

/* Address 0xFEE00000 | handle, SHV = 1, data = subhandle 0. */
void vtd_msi_compose_remappable(uint16_t handle, struct msi_msg *msg);
/* True when msg is in remappable format; *handle and *shv from its address. */
bool vtd_msi_decode(const struct msi_msg *msg, uint16_t *handle, bool *shv);

#endif
