/* SPDX-License-Identifier: MIT */
/* Invalidation descriptors (VT-d 3.x §6.5.2); pure, host-tested. */
#include "drivers/iommu/vtd/vtd_qi.h"

#define QI_TYPE_IEC  0x4ull
#define QI_TYPE_WAIT 0x5ull
#define QI_IEC_G     (1ull << 4) /* index-selective; 0 is global */
#define QI_IWD_SW    (1ull << 5) /* status write */
#define QI_IWD_FN    (1ull << 6) /* fence: later descriptors wait for this one */

struct vtd_qi_desc vtd_qi_desc_iec_global(void)
{
	return (struct vtd_qi_desc){.lo = QI_TYPE_IEC, .hi = 0};
}

/* §6.5.2.7: IM (31:27) invalidates 2^IM entries from IIDX (47:32). */
struct vtd_qi_desc vtd_qi_desc_iec_index(uint32_t index, unsigned mask_log2)
{
	return (struct vtd_qi_desc){.lo = QI_TYPE_IEC | QI_IEC_G |
					  (uint64_t)(mask_log2 & 0x1f) << 27 |
					  (uint64_t)(index & 0xffff) << 32,
				    .hi = 0};
}

/* §6.5.2.8: status data 63:32, status address 63:2 in the high qword. */
struct vtd_qi_desc vtd_qi_desc_wait(uint64_t status_addr, uint32_t data)
{
	return (struct vtd_qi_desc){.lo = QI_TYPE_WAIT | QI_IWD_SW | QI_IWD_FN |
					  (uint64_t)data << 32,
				    .hi = status_addr & ~3ull};
}
