/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_irte.h"

#include <string.h>

#include "kernel/errno.h"

#define MSI_ADDR_BASE 0xfee00000u

/* §9.10: in xAPIC mode the destination is DST bits 15:8 (IRTE bits 47:40). */
static uint64_t vtd_irte_dst_field(uint32_t dest, bool eime)
{
	return eime ? dest : (uint64_t)(dest & 0xff) << 8;
}

struct vtd_irte vtd_irte_encode(const struct vtd_irte_fields *f, bool eime)
{
	struct vtd_irte e;
	e.lo = (f->present ? VTD_IRTE_P : 0) | (uint64_t)(f->fpd ? 1 : 0) << 1 |
	       (uint64_t)(f->dm & 1) << 2 | (uint64_t)(f->rh & 1) << 3 |
	       (uint64_t)(f->tm & 1) << 4 | (uint64_t)(f->dlm & 7) << 5 |
	       (uint64_t)(f->vector & 0xff) << 16 | vtd_irte_dst_field(f->dest, eime) << 32;
	e.hi = (uint64_t)f->sid | (uint64_t)(f->sq & 3) << 16 | (uint64_t)(f->svt & 3) << 18;
	return e;
}

void vtd_irte_decode(struct vtd_irte e, bool eime, struct vtd_irte_fields *f)
{
	memset(f, 0, sizeof(*f));
	f->present = e.lo & VTD_IRTE_P;
	f->fpd = (e.lo >> 1) & 1;
	f->dm = (e.lo >> 2) & 1;
	f->rh = (e.lo >> 3) & 1;
	f->tm = (e.lo >> 4) & 1;
	f->dlm = (e.lo >> 5) & 7;
	f->vector = (e.lo >> 16) & 0xff;
	uint32_t dst = (uint32_t)(e.lo >> 32);
	f->dest = eime ? dst : (dst >> 8) & 0xff;
	f->sid = e.hi & 0xffff;
	f->sq = (e.hi >> 16) & 3;
	f->svt = (e.hi >> 18) & 3;
}

int vtd_irte_prepare(uint32_t vector, uint32_t dest, bool eime,
		     const struct vtd_irte_fields *source, struct vtd_irte *e)
{
	if (vector < 0x10 || vector > 0xff || (!eime && dest > 0xff))
		return -EINVAL;
	struct vtd_irte_fields f = {
		.present = true,
		.dm = 0, /* physical */
		.tm = 0, /* edge */
		.dlm = VTD_DLM_FIXED,
		.vector = vector,
		.dest = dest,
		.sid = source->sid,
		.sq = source->sq,
		.svt = source->svt,
	};
	*e = vtd_irte_encode(&f, eime);
	return 0;
}

struct vtd_irte vtd_irte_reserved(struct vtd_irte e, bool eime)
{
	/* Low: 14:12, 15 (IM: posted format is not used here), 31:24; xAPIC DST 39:32 and 63:48. */
	uint64_t lo_rsvd = 0x7ull << 12 | 1ull << 15 | 0xffull << 24;
	if (!eime)
		lo_rsvd |= 0xffull << 32 | 0xffffull << 48;
	return (struct vtd_irte){.lo = e.lo & lo_rsvd, .hi = e.hi & ~0xfffffull};
}

void vtd_irte_source(const struct pci_requester *r, struct vtd_irte_fields *f)
{
	f->sq = 0;
	if (r->bus_range) {
		f->svt = VTD_SVT_BUS;
		f->sid = (uint16_t)(r->bus_first << 8 | r->bus_last);
	} else {
		f->svt = VTD_SVT_SID;
		f->sid = r->rid;
	}
}

void vtd_msi_compose_remappable(uint16_t handle, struct msi_msg *msg)
{
	msg->address_hi = 0;
	msg->address_lo = MSI_ADDR_BASE | (uint32_t)(handle & 0x7fff) << 5 | VTD_MSI_FORMAT_REMAP |
			  VTD_MSI_SHV | (uint32_t)(handle >> 15) << 2;
	msg->data = 0; /* subhandle: added to the handle when SHV is set */
}

bool vtd_msi_decode(const struct msi_msg *msg, uint16_t *handle, bool *shv)
{
	uint32_t a = msg->address_lo;
	*handle = (uint16_t)(((a >> 5) & 0x7fff) | ((a >> 2) & 1) << 15);
	*shv = (a & VTD_MSI_SHV) != 0;
	return (a & 0xfff00000u) == MSI_ADDR_BASE && msg->address_hi == 0 &&
	       (a & VTD_MSI_FORMAT_REMAP);
}
