/* SPDX-License-Identifier: MIT */
/*
 * x86 MSI messages in compatibility format (SDM Vol. 3A §10.11.1):
 * address 0xFEE00000 | destination APIC ID << 12 (physical mode, no
 * redirection hint), data = vector, fixed delivery, edge. Pure logic: also
 * built for the host tests.
 */
#ifndef DOORBELL_X86_MSI_H
#define DOORBELL_X86_MSI_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq_types.h"

#define X86_MSI_ADDR_BASE  0xfee00000u
#define X86_MSI_MAX_ID     0xffu   /* 8-bit destination ID */
#define X86_MSI_MAX_EXT_ID 0x7fffu /* + address bits 11:5 as ID bits 14:8 */

/*
 * Compose the message for vector on apic_id. ext_dest_id: the hypervisor
 * takes address bits 11:5 as destination bits 14:8 (KVM_FEATURE_MSI_EXT_DEST_ID).
 * 0, or -EINVAL when the ID cannot be expressed (> 255 without it, > 32767
 * with it) or the vector is below 0x10 (SDM: vectors 0-15 are illegal).
 */
int x86_msi_compose(uint32_t apic_id, uint32_t vector, bool ext_dest_id, struct msi_msg *msg);
/* Destination APIC ID and vector from a compatibility-format message. */
uint32_t x86_msi_dest(const struct msi_msg *msg, bool ext_dest_id);
uint32_t x86_msi_vector(const struct msi_msg *msg);

#endif
