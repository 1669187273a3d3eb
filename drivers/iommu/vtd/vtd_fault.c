/* SPDX-License-Identifier: MIT */
/* Fault status and recording registers (VT-d 3.x §7.1.3, §11.4.9.1, §11.4.14). */
#include <stdio.h>
#include <string.h>

#include "drivers/iommu/vtd/vtd_fault.h"
#include "drivers/iommu/vtd/vtd_regs.h"
#include "kernel/console.h"

const char *vtd_fault_reason_name(unsigned reason)
{
	/* §7.1.3, interrupt-remapping fault conditions. */
	switch (reason) {
	case 0x20: return "reserved field set in the interrupt request";
	case 0x21: return "interrupt index beyond the table size";
	case 0x22: return "IRTE not present";
	case 0x23: return "IRTE read aborted";
	case 0x24: return "reserved field set in a present IRTE";
	case 0x25: return "compatibility-format interrupt blocked (CFI clear)";
	case 0x26: return "source-id verification failed";
	default: return reason < 0x20 ? "DMA remapping fault" : "unknown";
	}
}

void vtd_fault_read(const struct vtd_unit *u, struct vtd_fault_report *r)
{
	memset(r, 0, sizeof(*r));
	r->fsts = vtd_read32(u, VTD_REG_FSTS);
	unsigned fro = VTD_CAP_FRO(u->cap) * 16, nfr = VTD_CAP_NFR(u->cap);
	/*
	 * §7.3.1 (primary fault logging): the unit fills the records as a
	 * circular buffer and FRI names the first pending one. FRI is only
	 * meaningful while PPF is set and a record may be cleared out of order,
	 * so every register is read once, from FRI round to it, not only up to
	 * the first with F clear.
	 */
	unsigned first = VTD_FSTS_FRI(r->fsts) % nfr;
	for (unsigned k = 0; k < nfr; k++) {
		unsigned off = fro + ((first + k) % nfr) * 16;
		uint64_t lo = vtd_read64(u, off), hi = vtd_read64(u, off + 8);
		if (!(hi & VTD_FRCD_HI_F))
			continue;
		if (r->count < VTD_FAULT_MAX_RECORDS) {
			struct vtd_fault_record *rec = &r->rec[r->count++];
			rec->reason = VTD_FRCD_HI_FR(hi);
			rec->sid = VTD_FRCD_HI_SID(hi);
			rec->index = VTD_FRCD_LO_IR_IDX(lo);
		} else {
			r->unstored++;
		}
		/* §11.4.14: F is RW1C, written in the register's top dword. */
		vtd_write32(u, off + 12, (uint32_t)(VTD_FRCD_HI_F >> 32));
	}
	/*
	 * §11.4.9.1: PFO is RW1C, cleared once the records are free again so
	 * that a fault after it is recorded. PPF is read-only (the OR of every
	 * F) and needs no write. The queue errors (IQE, ICE, ITE) are left to
	 * the queue's owner, which must fix the queue before clearing them
	 * (vtd_qi_wait, §6.5.2.10).
	 */
	if (r->fsts & VTD_FSTS_PFO)
		vtd_write32(u, VTD_REG_FSTS, VTD_FSTS_PFO);
}

void vtd_fault_print(const struct vtd_fault_report *r)
{
	char unstored[48] = "";
	if (r->unstored)
		snprintf(unstored, sizeof(unstored), " (%u cleared without being listed)",
			 r->unstored);
	kprintf("# vtd: FSTS 0x%x%s%s%s%s%s, %u fault record(s)%s\n", r->fsts,
		r->fsts & VTD_FSTS_PFO ? " PFO" : "", r->fsts & VTD_FSTS_PPF ? " PPF" : "",
		r->fsts & VTD_FSTS_IQE ? " IQE" : "", r->fsts & VTD_FSTS_ICE ? " ICE" : "",
		r->fsts & VTD_FSTS_ITE ? " ITE" : "", r->count + r->unstored, unstored);
	for (unsigned i = 0; i < r->count; i++)
		kprintf("# vtd: fault reason 0x%x (%s) sid %02x:%02x.%u index %u\n",
			r->rec[i].reason, vtd_fault_reason_name(r->rec[i].reason),
			r->rec[i].sid >> 8, (r->rec[i].sid >> 3) & 0x1f, r->rec[i].sid & 7,
			r->rec[i].index);
}
