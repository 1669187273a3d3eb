/* SPDX-License-Identifier: MIT */
#include "drivers/irqchip/gic_its_probe.h"

#include "arch/hooks.h"
#include "kernel/errno.h"

int gic_its_probe(uint64_t base, struct gic_its_id *id)
{
	uint32_t lo, hi;
	if (arch_probe_read32(base + 0x0000, &id->ctlr) ||
	    arch_probe_read32(base + 0x0004, &id->iidr) || arch_probe_read32(base + 0x0008, &lo) ||
	    arch_probe_read32(base + 0x000c, &hi))
		return -EFAULT;
	id->typer = (uint64_t)hi << 32 | lo;
	if (id->iidr == 0xffffffffu && id->typer == ~0ull)
		return -ENODEV;
	return 0;
}

void gic_its_probe_signals(struct platform_signals *s, const struct acpi_platform *a)
{
	if (!a->has_madt)
		return;
	s->its_read = true;
	for (unsigned i = 0; i < a->madt.its_count && s->its_count < SIGNALS_MAX_ITS; i++) {
		struct signals_its *its = &s->its[s->its_count++];
		struct gic_its_id id;
		its->base = a->madt.its[i].base;
		its->madt_offset = a->madt.its[i].offset;
		if (!its->base || gic_its_probe(its->base, &id))
			continue;
		its->answered = true;
		its->iidr = id.iidr;
		its->typer = id.typer;
	}
}
