/* SPDX-License-Identifier: MIT */
#include "drivers/ioapic/ioapic_rte.h"

#include "kernel/errno.h"

#define IOAPIC_MSI_BASE      0xfee00000u
#define IOAPIC_MSI_FMT_REMAP (1u << 4) /* VT-d §5.1.2.2: interrupt format */
#define IOAPIC_MSI_SHV       (1u << 3)
#define IOAPIC_MSI_DM        (1u << 2) /* compatibility: destination mode */
#define IOAPIC_MSI_EXT_DEST  0xfe0u    /* compatibility: address bits 11:5 */

static uint64_t ioapic_rte_cfg_bits(const struct ioapic_pin_cfg *cfg, bool masked)
{
	uint64_t r = 0;
	if (cfg->level)
		r |= IOAPIC_RTE_LEVEL;
	if (cfg->active_low)
		r |= IOAPIC_RTE_ACTIVE_LOW;
	if (masked)
		r |= IOAPIC_RTE_MASKED;
	return r;
}

int ioapic_rte_from_msg(const struct msi_msg *msg, uint32_t vector,
			const struct ioapic_pin_cfg *cfg, bool masked, uint64_t *rte)
{
	uint32_t a = msg->address_lo;
	if ((a & 0xfff00000u) != IOAPIC_MSI_BASE)
		return -EINVAL;
	if (msg->address_hi)
		return -ERANGE;
	uint64_t r = ioapic_rte_cfg_bits(cfg, masked);
	if (a & IOAPIC_MSI_FMT_REMAP) {
		/* §5.1.5.1: the handle split over 63:49 and 11; the interrupt carries no subhandle. */
		if ((a & IOAPIC_MSI_SHV) && (msg->data & 0xffffu))
			return -EINVAL;
		if (vector < 0x10 || vector > 0xff)
			return -EINVAL;
		uint64_t handle = ((a >> 5) & 0x7fffu) | (uint64_t)((a >> 2) & 1u) << 15;
		r |= IOAPIC_RTE_REMAP | (handle & 0x7fffu) << IOAPIC_RTE_HANDLE_SHIFT;
		if (handle >> 15)
			r |= IOAPIC_RTE_HANDLE15;
		r |= vector;
		*rte = r;
		return 0;
	}
	/* Compatibility: 8-bit destination in 63:56 (82093AA §3.2.4), nothing wider. */
	if (a & IOAPIC_MSI_EXT_DEST)
		return -ERANGE;
	uint32_t v = msg->data & 0xffu;
	if (v < 0x10)
		return -EINVAL;
	r |= (uint64_t)((a >> 12) & 0xffu) << IOAPIC_RTE_DEST_SHIFT;
	if (a & IOAPIC_MSI_DM)
		r |= IOAPIC_RTE_DEST_LOG;
	r |= (uint64_t)((msg->data >> 8) & 7u) << IOAPIC_RTE_DLM_SHIFT;
	r |= v;
	*rte = r;
	return 0;
}

bool ioapic_rte_handle(uint64_t rte, uint16_t *handle)
{
	*handle = (uint16_t)(((rte >> IOAPIC_RTE_HANDLE_SHIFT) & 0x7fffu) |
			     ((rte & IOAPIC_RTE_HANDLE15) ? 0x8000u : 0));
	return (rte & IOAPIC_RTE_REMAP) != 0;
}
