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

void vtd_probe_signals(struct platform_signals *s, const struct acpi_platform *a)
{
	if (!a->has_dmar)
		return;
	s->vtd_read = true;
	for (unsigned i = 0; i < a->dmar.drhd_count && s->vtd_count < SIGNALS_MAX_VTD; i++) {
		struct signals_vtd_unit *u = &s->vtd[s->vtd_count++];
		struct vtd_unit_id id;
		u->base = a->dmar.drhd[i].reg_base;
		/* A base of 0 is a firmware bug already reported by the parser: do not read RAM. */
		if (!u->base || vtd_probe_unit(u->base, &id))
			continue;
		u->answered = true;
		u->ver = id.ver;
		u->cap = id.cap;
		u->ecap = id.ecap;
	}
}
