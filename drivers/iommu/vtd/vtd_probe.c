/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_probe.h"

#include "arch/hooks.h"
#include "kernel/errno.h"

static int vtd_probe_read64(uint64_t addr, uint64_t *v)
{
	uint32_t lo, hi;
	/* 64-bit registers may be read as two 32-bit halves (VT-d §10.2). */
	if (arch_probe_read32(addr, &lo) || arch_probe_read32(addr + 4, &hi))
		return -EFAULT;
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

int vtd_probe_unit(uint64_t base, struct vtd_unit_id *id)
{
	if (arch_probe_read32(base + 0x00, &id->ver) || vtd_probe_read64(base + 0x08, &id->cap) ||
	    vtd_probe_read64(base + 0x10, &id->ecap))
		return -EFAULT;
	/* Nothing decodes the address: all ones, or zeros (unassigned on q35); VER is 1.0+. */
	if ((id->ver == 0xffffffffu && id->cap == ~0ull && id->ecap == ~0ull) ||
	    (id->ver & 0xff) == 0)
		return -ENODEV;
	return 0;
}
