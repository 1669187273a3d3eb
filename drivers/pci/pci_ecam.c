/* SPDX-License-Identifier: MIT */
#include "drivers/pci/pci_ecam.h"

#include <stdio.h>

#include "arch/hooks.h"
#include "drivers/pci/pci_regs.h"

static struct pci_ecam_window ecam_windows[PCI_ECAM_MAX];
static unsigned ecam_window_count;

int pci_ecam_init(const struct acpi_mcfg *m, struct findings *f)
{
	ecam_window_count = 0;
	for (unsigned i = 0; i < m->entry_count; i++) {
		const struct acpi_mcfg_entry *e = &m->entry[i];
		if (e->bus_start > e->bus_end || !e->base || (e->base & 0xfffff))
			continue; /* the MCFG parser already reported it */
		uint64_t first = e->base + ((uint64_t)e->bus_start << 20);
		uint64_t end = e->base + (((uint64_t)e->bus_end + 1) << 20);
		if (end > PCI_IDENTITY_MAP_LIMIT || end < first) {
			finding_add(
				f, FINDING_ERROR, "PCI", FINDING_NO_OFFSET,
				"MCFG entry %u: ECAM 0x%llx-0x%llx (segment %u buses %02x-%02x) "
				"is outside the identity map; not used",
				i, (unsigned long long)first, (unsigned long long)end - 1,
				e->segment, e->bus_start, e->bus_end);
			continue;
		}
		/* An ECAM window that aborts would end the run: probe it once. */
		uint32_t id;
		if (arch_probe_read32(first, &id)) {
			finding_add(f, FINDING_ERROR, "PCI", FINDING_NO_OFFSET,
				    "MCFG entry %u: reading ECAM at 0x%llx aborts; not used", i,
				    (unsigned long long)first);
			continue;
		}
		if (ecam_window_count >= PCI_ECAM_MAX) {
			finding_add(f, FINDING_WARNING, "PCI", FINDING_NO_OFFSET,
				    "more than %u ECAM windows; MCFG entry %u not used",
				    PCI_ECAM_MAX, i);
			continue;
		}
		ecam_windows[ecam_window_count++] = (struct pci_ecam_window){
			.base = e->base,
			.segment = e->segment,
			.bus_start = e->bus_start,
			.bus_end = e->bus_end,
		};
	}
	return (int)ecam_window_count;
}

unsigned pci_ecam_count(void)
{
	return ecam_window_count;
}

const struct pci_ecam_window *pci_ecam_get(unsigned i)
{
	return i < ecam_window_count ? &ecam_windows[i] : NULL;
}

static const struct pci_ecam_window *pci_ecam_lookup(uint16_t segment, uint8_t bus)
{
	for (unsigned i = 0; i < ecam_window_count; i++) {
		const struct pci_ecam_window *w = &ecam_windows[i];
		if (w->segment == segment && bus >= w->bus_start && bus <= w->bus_end)
			return w;
	}
	return NULL;
}

bool pci_ecam_covers(uint16_t segment, uint8_t bus)
{
	return pci_ecam_lookup(segment, bus) != NULL;
}

/* Address of register off of function a, or 0 when it cannot be accessed with width w. */
static uintptr_t pci_ecam_reg(struct pci_addr a, unsigned off, unsigned w)
{
	if (a.dev > 31 || a.fn > 7 || off > PCI_CFG_SIZE - w || (off & (w - 1)))
		return 0;
	const struct pci_ecam_window *win = pci_ecam_lookup(a.segment, a.bus);
	if (!win)
		return 0;
	return (uintptr_t)(win->base + ((uint64_t)a.bus << 20) + ((uint64_t)a.dev << 15) +
			   ((uint64_t)a.fn << 12) + off);
}

uint8_t pci_cfg_read8(struct pci_addr a, unsigned off)
{
	uintptr_t r = pci_ecam_reg(a, off, 1);
	return r ? *(volatile uint8_t *)r : 0xff;
}

uint16_t pci_cfg_read16(struct pci_addr a, unsigned off)
{
	uintptr_t r = pci_ecam_reg(a, off, 2);
	return r ? *(volatile uint16_t *)r : 0xffff;
}

uint32_t pci_cfg_read32(struct pci_addr a, unsigned off)
{
	uintptr_t r = pci_ecam_reg(a, off, 4);
	return r ? *(volatile uint32_t *)r : 0xffffffffu;
}

void pci_cfg_write8(struct pci_addr a, unsigned off, uint8_t v)
{
	uintptr_t r = pci_ecam_reg(a, off, 1);
	if (r)
		*(volatile uint8_t *)r = v;
}

void pci_cfg_write16(struct pci_addr a, unsigned off, uint16_t v)
{
	uintptr_t r = pci_ecam_reg(a, off, 2);
	if (r)
		*(volatile uint16_t *)r = v;
}

void pci_cfg_write32(struct pci_addr a, unsigned off, uint32_t v)
{
	uintptr_t r = pci_ecam_reg(a, off, 4);
	if (r)
		*(volatile uint32_t *)r = v;
}

char *pci_addr_format(struct pci_addr a, char *buf, size_t len)
{
	snprintf(buf, len, "%04x:%02x:%02x.%u", a.segment, a.bus, a.dev, a.fn);
	return buf;
}

uint16_t pci_addr_rid(struct pci_addr a)
{
	return (uint16_t)(a.bus << 8 | a.dev << 3 | a.fn);
}
