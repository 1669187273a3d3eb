/* SPDX-License-Identifier: MIT */
#include "arch/x86_64/x86_msi.h"

#include "kernel/errno.h"

#define MSI_DEST_SHIFT     12
#define MSI_EXT_DEST_SHIFT 5
#define MSI_VECTOR_MASK    0xffu

int x86_msi_compose(uint32_t apic_id, uint32_t vector, bool ext_dest_id, struct msi_msg *msg)
{
	if (apic_id > (ext_dest_id ? X86_MSI_MAX_EXT_ID : X86_MSI_MAX_ID))
		return -EINVAL;
	if (vector < 0x10 || vector > 0xff)
		return -EINVAL;
	msg->address_hi = 0;
	msg->address_lo = X86_MSI_ADDR_BASE | (apic_id & 0xff) << MSI_DEST_SHIFT |
			  ((apic_id >> 8) & 0x7f) << MSI_EXT_DEST_SHIFT;
	msg->data = vector; /* delivery mode 000 fixed, trigger 0 edge */
	return 0;
}

uint32_t x86_msi_dest(const struct msi_msg *msg, bool ext_dest_id)
{
	uint32_t id = (msg->address_lo >> MSI_DEST_SHIFT) & 0xff;
	if (ext_dest_id)
		id |= ((msg->address_lo >> MSI_EXT_DEST_SHIFT) & 0x7f) << 8;
	return id;
}

uint32_t x86_msi_vector(const struct msi_msg *msg)
{
	return msg->data & MSI_VECTOR_MASK;
}
