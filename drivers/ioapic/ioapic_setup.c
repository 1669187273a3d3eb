/* SPDX-License-Identifier: MIT */
#include "drivers/ioapic/ioapic_setup.h"

#include <stdio.h>

#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/platform.h"
#include "kernel/platform_drivers.h"

struct ioapic_setup_unit {
	struct ioapic_domain d;
	bool up;
	char why[192];
};

static struct ioapic_setup_unit ioapic_units[IOAPIC_SETUP_MAX];
static unsigned ioapic_unit_count;
static bool ioapic_tried;
static char ioapic_why[96];

static void ioapic_setup_one(struct ioapic_setup_unit *u, const struct acpi_madt_ioapic *m)
{
	int err = ioapic_hw_init(&u->d.io, m->address, m->id, m->gsi_base);
	if (err) {
		snprintf(u->why, sizeof(u->why), "I/O APIC id %u at 0x%x does not answer", m->id,
			 m->address);
		return;
	}
	const struct platform_drivers *drv = &arch_platform_drivers;
	struct irq_domain *parent = 0;
	uint16_t sid = 0;
	const char *why = "";
	if (drv->remap_domain_source)
		parent = drv->remap_domain_source(PLATFORM_IRQ_SOURCE_IOAPIC, m->id, &sid, &why);
	bool remapped = parent != 0;
	if (!parent && why[0]) {
		snprintf(u->why, sizeof(u->why), "%s", why);
		kprintf("# ioapic: id %u: %s\n", m->id, why);
		return;
	}
	if (!parent)
		parent = arch_irq_domain();
	err = parent ? ioapic_domain_create(&u->d, parent, remapped, sid) : -ENODEV;
	if (err) {
		snprintf(u->why, sizeof(u->why), "I/O APIC id %u: domain: %s", m->id,
			 errno_name(err));
		return;
	}
	u->up = true;
	kprintf("# ioapic: id %u at 0x%x version 0x%02x, %u pins from GSI %u, on %s", m->id,
		m->address, u->d.io.version, u->d.io.pins, m->gsi_base, parent->name);
	if (remapped)
		kprintf(", source-id %02x:%02x.%u", sid >> 8, (sid >> 3) & 0x1f, sid & 7);
	kprintf("\n");
}

static void ioapic_setup(void)
{
	ioapic_tried = true;
	struct platform *plat = platform_get();
	if (!plat->parsed.has_madt || !plat->parsed.madt.ioapic_count) {
		snprintf(ioapic_why, sizeof(ioapic_why), "the MADT lists no I/O APIC");
		return;
	}
	unsigned n = plat->parsed.madt.ioapic_count;
	if (n > IOAPIC_SETUP_MAX)
		n = IOAPIC_SETUP_MAX;
	for (unsigned i = 0; i < n; i++)
		ioapic_setup_one(&ioapic_units[i], &plat->parsed.madt.ioapic[i]);
	ioapic_unit_count = n;
}

struct ioapic_domain *ioapic_for_gsi(uint32_t gsi, const char **why)
{
	if (!ioapic_tried)
		ioapic_setup();
	*why = ioapic_why;
	for (unsigned i = 0; i < ioapic_unit_count; i++) {
		struct ioapic_setup_unit *u = &ioapic_units[i];
		const struct acpi_madt_ioapic *m = &platform_get()->parsed.madt.ioapic[i];
		if (gsi < m->gsi_base)
			continue;
		if (!u->up) {
			if (gsi - m->gsi_base < 240) {
				*why = u->why;
				return 0;
			}
			continue;
		}
		unsigned pin;
		if (ioapic_domain_pin_of(&u->d, gsi, &pin))
			return &u->d;
	}
	if (!ioapic_why[0])
		snprintf(ioapic_why, sizeof(ioapic_why), "no I/O APIC has GSI %u", gsi);
	return 0;
}
