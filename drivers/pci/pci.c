/* SPDX-License-Identifier: MIT */
#include "drivers/pci/pci.h"

#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "drivers/acpi/acpi_mcfg.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"

/* The devices the harness drives, found by ID. */
struct pci_known {
	const char *name;
	uint16_t vendor, device;
};

static const struct pci_known pci_known_devs[] = {
	{"edu", PCI_VENDOR_QEMU, PCI_DEVICE_EDU},
	{"e1000e", PCI_VENDOR_INTEL, PCI_DEVICE_E1000E},
	{"igb", PCI_VENDOR_INTEL, PCI_DEVICE_IGB},
};
#define PCI_KNOWN_COUNT (sizeof(pci_known_devs) / sizeof(pci_known_devs[0]))

static struct pci_dev pci_devs[PCI_MAX_DEVS];
static unsigned pci_devs_count;
static unsigned pci_devs_dropped;
static int pci_init_status = -ENODEV;
static const char *pci_init_why = "PCI not enumerated yet";
static struct findings pci_found;
static struct acpi_mcfg pci_mcfg;
static uint64_t pci_scan_us;
static char pci_absent_buf[PCI_KNOWN_COUNT + 1][112];

char *pci_dev_bdf(const struct pci_dev *d, char *buf)
{
	return pci_addr_format(d->addr, buf, PCI_BDF_LEN);
}

/* --- BARs (PCI Local Bus 3.0 §6.2.5.1) ----------------------------------- */

const char *pci_bar_type_name(enum pci_bar_type t)
{
	switch (t) {
	case PCI_BAR_NONE: return "none";
	case PCI_BAR_IO: return "io";
	case PCI_BAR_MEM32: return "mem32";
	case PCI_BAR_MEM64: return "mem64";
	case PCI_BAR_MEM64_HIGH: return "mem64-high";
	case PCI_BAR_RESERVED: return "reserved";
	}
	return "?";
}

static unsigned pci_bar_slots(uint8_t header_type)
{
	switch (header_type & PCI_HEADER_TYPE_MASK) {
	case PCI_HEADER_NORMAL: return PCI_BARS_NORMAL;
	case PCI_HEADER_BRIDGE: return PCI_BARS_BRIDGE;
	case PCI_HEADER_CARDBUS: return PCI_BARS_CARDBUS;
	}
	return 0;
}

/*
 * Writes all-ones to a BAR register and returns what reads back, then puts
 * the original value back. Decode must be off (the caller's job).
 */
static uint32_t pci_bar_sense(const struct pci_dev *d, unsigned off, uint32_t orig)
{
	pci_write32(d, off, 0xffffffffu);
	uint32_t v = pci_read32(d, off);
	pci_write32(d, off, orig);
	return v;
}

int pci_bar_probe(const struct pci_dev *d, unsigned idx, struct pci_bar *out)
{
	unsigned slots = pci_bar_slots(d->header_type);
	memset(out, 0, sizeof(*out));
	if (idx >= slots)
		return -EINVAL;
	if (idx > 0 && d->bar[idx - 1].type == PCI_BAR_MEM64)
		return -EINVAL;
	unsigned off = PCI_BAR0 + 4 * idx;

	/* Nothing may decode the all-ones address while we probe. */
	uint16_t cmd = pci_command_update(d, 0, PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
	uint32_t lo = pci_read32(d, off), hi = 0;
	uint32_t sense_lo = pci_bar_sense(d, off, lo), sense_hi = 0;
	bool restored = pci_read32(d, off) == lo;
	out->raw = lo;

	if (lo & PCI_BAR_IO_SPACE) {
		out->type = PCI_BAR_IO;
		uint32_t mask = sense_lo & PCI_BAR_IO_MASK;
		/* A 16-bit I/O decoder leaves the upper half reading 0. */
		if (mask && !(mask & 0xffff0000u))
			mask |= 0xffff0000u;
		out->size = mask ? (uint32_t)(~mask + 1) : 0;
		out->base = lo & PCI_BAR_IO_MASK;
	} else {
		uint32_t mtype = lo & PCI_BAR_MEM_TYPE;
		out->prefetchable = lo & PCI_BAR_MEM_PREFETCH;
		if (mtype == PCI_BAR_MEM_TYPE_64 && idx + 1 < slots) {
			out->type = PCI_BAR_MEM64;
			hi = pci_read32(d, off + 4);
			sense_hi = pci_bar_sense(d, off + 4, hi);
			restored = restored && pci_read32(d, off + 4) == hi;
			out->raw_high = hi;
			uint64_t mask = (uint64_t)sense_hi << 32 | (sense_lo & PCI_BAR_MEM_MASK);
			out->size = mask ? ~mask + 1 : 0;
			out->base = (uint64_t)hi << 32 | (lo & PCI_BAR_MEM_MASK);
		} else if (mtype == PCI_BAR_MEM_TYPE_32 || mtype == PCI_BAR_MEM_TYPE_1M) {
			out->type = PCI_BAR_MEM32;
			uint32_t mask = sense_lo & PCI_BAR_MEM_MASK;
			out->size = mask ? (uint32_t)(~mask + 1) : 0;
			out->base = lo & PCI_BAR_MEM_MASK;
		} else {
			out->type = PCI_BAR_RESERVED;
		}
	}
	if (!out->size && out->type != PCI_BAR_RESERVED) {
		out->type = PCI_BAR_NONE;
		out->prefetchable = false;
	}
	/*
	 * Base 0 is a real assignment when the firmware enabled decode for
	 * it (arm64 virt's I/O window starts at bus address 0).
	 */
	uint16_t decode = out->type == PCI_BAR_IO ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
	out->assigned = out->size && (out->base || (cmd & decode));
	out->restored = restored;

	pci_write16(d, PCI_COMMAND, cmd);
	return restored ? 0 : -EIO;
}

static void pci_scan_bars(struct pci_dev *d)
{
	char bdf[PCI_BDF_LEN];
	d->bar_count = pci_bar_slots(d->header_type);
	for (unsigned i = 0; i < d->bar_count; i++) {
		struct pci_bar *b = &d->bar[i];
		int err = pci_bar_probe(d, i, b);
		if (err == -EIO)
			finding_add(&pci_found, FINDING_ERROR, "PCI", FINDING_NO_OFFSET,
				    "%s BAR%u: 0x%08x did not read back after sizing",
				    pci_dev_bdf(d, bdf), i, b->raw);
		if (b->type == PCI_BAR_RESERVED)
			finding_add(&pci_found, FINDING_WARNING, "PCI", FINDING_NO_OFFSET,
				    "%s BAR%u: 0x%08x has a reserved memory type",
				    pci_dev_bdf(d, bdf), i, b->raw);
		if (b->assigned && b->type != PCI_BAR_IO && b->size &&
		    b->base + b->size > PCI_IDENTITY_MAP_LIMIT) {
			/* Past the identity map every arch provides: the arch maps it now. */
			int merr = arch_mmio_map(b->base, b->size);
			finding_add(&pci_found, merr ? FINDING_WARNING : FINDING_INFO, "PCI",
				    FINDING_NO_OFFSET,
				    "%s BAR%u at 0x%llx+0x%llx reaches past 0x%llx, where the "
				    "identity map every arch provides ends: %s%s",
				    pci_dev_bdf(d, bdf), i, (unsigned long long)b->base,
				    (unsigned long long)b->size,
				    (unsigned long long)PCI_IDENTITY_MAP_LIMIT,
				    merr ? "not mapped: " : "mapped as device memory",
				    merr ? errno_name(merr) : "");
		}
		if (b->size && !b->assigned)
			finding_add(&pci_found, FINDING_INFO, "PCI", FINDING_NO_OFFSET,
				    "%s BAR%u (%s, 0x%llx bytes) is not assigned by the firmware",
				    pci_dev_bdf(d, bdf), i, pci_bar_type_name(b->type),
				    (unsigned long long)b->size);
		if (b->type == PCI_BAR_MEM64) {
			struct pci_bar *h = &d->bar[++i];
			memset(h, 0, sizeof(*h));
			h->type = PCI_BAR_MEM64_HIGH;
			h->raw = b->raw_high;
			h->restored = b->restored;
		}
	}
}

/* --- capabilities (PCI Local Bus 3.0 §6.7) ------------------------------- */

/*
 * Visits each capability until fn returns true or the list ends. Returns
 * the offset fn stopped at, 0 at the end; *broken is set when the walk had
 * to stop on a bad pointer or the loop guard.
 */
static uint8_t pci_cap_walk(const struct pci_dev *d, bool (*fn)(void *, uint8_t, uint8_t),
			    void *arg, bool *broken)
{
	*broken = false;
	if (!(pci_read16(d, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	unsigned ptr_reg = (d->header_type & PCI_HEADER_TYPE_MASK) == PCI_HEADER_CARDBUS
				   ? PCI_CARDBUS_CAP_PTR
				   : PCI_CAP_PTR;
	uint8_t ptr = pci_read8(d, ptr_reg) & 0xfc;
	for (unsigned n = 0; ptr; n++) {
		if (n >= PCI_CAP_LIMIT || ptr < PCI_CAP_FIRST_VALID) {
			*broken = true;
			return 0;
		}
		uint8_t id = pci_read8(d, ptr + PCI_CAP_ID);
		if (id == 0xff) { /* the function went away */
			*broken = true;
			return 0;
		}
		if (fn(arg, id, ptr))
			return ptr;
		ptr = pci_read8(d, ptr + PCI_CAP_NEXT) & 0xfc;
	}
	return 0;
}

static bool pci_cap_match(void *arg, uint8_t id, uint8_t off)
{
	return *(uint8_t *)arg == id;
}

uint8_t pci_find_cap(const struct pci_dev *d, uint8_t id)
{
	bool broken;
	return pci_cap_walk(d, pci_cap_match, &id, &broken);
}

static bool pci_cap_record(void *arg, uint8_t id, uint8_t off)
{
	struct pci_dev *d = arg;
	if (d->cap_count < PCI_CAP_LIMIT)
		d->cap[d->cap_count++] = (struct pci_cap){id, off};
	if (id == PCI_CAP_ID_MSI && !d->msi_cap)
		d->msi_cap = off;
	else if (id == PCI_CAP_ID_MSIX && !d->msix_cap)
		d->msix_cap = off;
	else if (id == PCI_CAP_ID_PCIE && !d->pcie_cap)
		d->pcie_cap = off;
	return false;
}

static void pci_scan_caps(struct pci_dev *d)
{
	char bdf[PCI_BDF_LEN];
	pci_cap_walk(d, pci_cap_record, d, &d->cap_broken);
	if (d->cap_broken)
		finding_add(&pci_found, FINDING_ERROR, "PCI", FINDING_NO_OFFSET,
			    "%s: capability list broken after %u entries (loop, pointer below "
			    "0x40, or more than %u)",
			    pci_dev_bdf(d, bdf), d->cap_count, PCI_CAP_LIMIT);
	if (d->pcie_cap)
		d->pcie_type =
			(pci_read16(d, d->pcie_cap + PCI_EXP_FLAGS) & PCI_EXP_FLAGS_TYPE) >> 4;
}

/* --- enumeration ------------------------------------------------------- */

static void pci_add(struct pci_addr a, uint16_t vendor)
{
	char bdf[PCI_BDF_LEN];
	if (pci_devs_count >= PCI_MAX_DEVS) {
		if (!pci_devs_dropped++)
			finding_add(&pci_found, FINDING_WARNING, "PCI", FINDING_NO_OFFSET,
				    "more than %u functions; %s and later ones not recorded",
				    PCI_MAX_DEVS, pci_addr_format(a, bdf, sizeof(bdf)));
		return;
	}
	struct pci_dev *d = &pci_devs[pci_devs_count++];
	memset(d, 0, sizeof(*d));
	d->addr = a;
	d->vendor = vendor;
	d->device = pci_read16(d, PCI_DEVICE_ID);
	uint32_t rc = pci_read32(d, PCI_REVISION_ID);
	d->revision = rc & 0xff;
	d->class_code = rc >> 8;
	d->header_type = pci_read8(d, PCI_HEADER_TYPE);
	for (unsigned i = 0; i < PCI_KNOWN_COUNT; i++)
		if (pci_known_devs[i].vendor == d->vendor && pci_known_devs[i].device == d->device)
			d->name = pci_known_devs[i].name;
	unsigned layout = d->header_type & PCI_HEADER_TYPE_MASK;
	if (layout == PCI_HEADER_BRIDGE) {
		d->secondary_bus = pci_read8(d, PCI_SECONDARY_BUS);
		d->subordinate_bus = pci_read8(d, PCI_SUBORDINATE_BUS);
		if (d->secondary_bus <= a.bus || d->subordinate_bus < d->secondary_bus)
			finding_add(&pci_found, FINDING_WARNING, "PCI", FINDING_NO_OFFSET,
				    "%s: bridge buses secondary %02x subordinate %02x do not lie "
				    "below its own bus %02x (left as the firmware set them)",
				    pci_dev_bdf(d, bdf), d->secondary_bus, d->subordinate_bus,
				    a.bus);
	} else if (layout > PCI_HEADER_CARDBUS) {
		finding_add(&pci_found, FINDING_WARNING, "PCI", FINDING_NO_OFFSET,
			    "%s: unknown header layout %u; BARs not decoded", pci_dev_bdf(d, bdf),
			    layout);
	}
	pci_scan_bars(d);
	pci_scan_caps(d);
}

static void pci_scan_bus(uint16_t segment, uint8_t bus)
{
	for (uint8_t dev = 0; dev < 32; dev++) {
		struct pci_addr a = {segment, bus, dev, 0};
		uint16_t vendor = pci_cfg_read16(a, PCI_VENDOR_ID);
		if (vendor == PCI_VENDOR_NONE)
			continue;
		pci_add(a, vendor);
		/* Functions 1-7 exist only when function 0 says so (PCIe 6.0 §7.5.1.1.9). */
		if (!(pci_cfg_read8(a, PCI_HEADER_TYPE) & PCI_HEADER_MULTI_FUNCTION))
			continue;
		for (a.fn = 1; a.fn < 8; a.fn++) {
			vendor = pci_cfg_read16(a, PCI_VENDOR_ID);
			if (vendor != PCI_VENDOR_NONE)
				pci_add(a, vendor);
		}
	}
}

int pci_init(const struct acpi_tables *t)
{
	findings_init(&pci_found);
	pci_devs_count = 0;
	pci_devs_dropped = 0;
	const struct acpi_table *mcfg = t ? acpi_table_find(t, "MCFG", 0) : NULL;
	if (!t) {
		pci_init_why = "the firmware gave no ACPI tables";
		return pci_init_status = -ENOENT;
	}
	if (!mcfg) {
		pci_init_why = "the firmware gave no MCFG table";
		return pci_init_status = -ENOENT;
	}
	int err = acpi_mcfg_parse(mcfg->data, mcfg->length, &pci_mcfg, &pci_found);
	if (err) {
		pci_init_why = "the MCFG table is unusable";
		return pci_init_status = err;
	}
	if (pci_ecam_init(&pci_mcfg, &pci_found) <= 0) {
		pci_init_why = "no usable ECAM window in the MCFG";
		return pci_init_status = -ENODEV;
	}
	/* Every bus of every window: bridges' numbers are read, never assigned. */
	uint64_t t0 = arch_counter_read();
	for (unsigned w = 0; w < pci_ecam_count(); w++) {
		const struct pci_ecam_window *win = pci_ecam_get(w);
		for (unsigned bus = win->bus_start; bus <= win->bus_end; bus++)
			pci_scan_bus(win->segment, (uint8_t)bus);
	}
	pci_scan_us = time_ticks_to_us(arch_counter_read() - t0);
	pci_init_why = NULL;
	return pci_init_status = 0;
}

int pci_status(void)
{
	return pci_init_status;
}

const struct findings *pci_findings(void)
{
	return &pci_found;
}

unsigned pci_dev_count(void)
{
	return pci_devs_count;
}

struct pci_dev *pci_dev_get(unsigned i)
{
	return i < pci_devs_count ? &pci_devs[i] : NULL;
}

struct pci_dev *pci_find_rid(uint16_t segment, uint16_t rid)
{
	for (unsigned i = 0; i < pci_devs_count; i++)
		if (pci_devs[i].addr.segment == segment && pci_dev_rid(&pci_devs[i]) == rid)
			return &pci_devs[i];
	return NULL;
}

const struct pci_dev *pci_find_upstream(uint16_t segment, uint8_t bus)
{
	for (unsigned i = 0; i < pci_devs_count; i++) {
		const struct pci_dev *b = &pci_devs[i];
		if (b->addr.segment == segment &&
		    (b->header_type & PCI_HEADER_TYPE_MASK) == PCI_HEADER_BRIDGE &&
		    b->secondary_bus == bus && b->addr.bus != bus)
			return b;
	}
	return NULL;
}

static const struct pci_dev *pci_upstream(void *ctx, uint16_t segment, uint8_t bus)
{
	(void)ctx;
	return pci_find_upstream(segment, bus);
}

int pci_dev_requester(const struct pci_dev *d, struct pci_requester *out)
{
	return pci_requester_of(d, pci_upstream, NULL, out);
}

struct pci_dev *pci_find(uint16_t vendor, uint16_t device, unsigned instance)
{
	for (unsigned i = 0; i < pci_devs_count; i++) {
		struct pci_dev *d = &pci_devs[i];
		if (d->vendor == vendor && d->device == device && instance-- == 0)
			return d;
	}
	return NULL;
}

const char *pci_absent_reason(uint16_t vendor, uint16_t device)
{
	if (pci_find(vendor, device, 0))
		return NULL;
	unsigned slot = PCI_KNOWN_COUNT; /* shared slot for other IDs */
	const char *name = "device";
	for (unsigned i = 0; i < PCI_KNOWN_COUNT; i++) {
		if (pci_known_devs[i].vendor == vendor && pci_known_devs[i].device == device) {
			slot = i;
			name = pci_known_devs[i].name;
		}
	}
	char *buf = pci_absent_buf[slot];
	if (pci_init_status)
		snprintf(buf, sizeof(pci_absent_buf[0]),
			 "no %s (%04x:%04x): PCI not enumerated (%s)", name, vendor, device,
			 pci_init_why ? pci_init_why : errno_name(pci_init_status));
	else
		snprintf(buf, sizeof(pci_absent_buf[0]),
			 "no %s device (%04x:%04x) in this configuration", name, vendor, device);
	return buf;
}

/* --- report ------------------------------------------------------------ */

static const char *pci_cap_name(uint8_t id)
{
	switch (id) {
	case PCI_CAP_ID_PM: return "pm";
	case PCI_CAP_ID_MSI: return "msi";
	case PCI_CAP_ID_PCIE: return "pcie";
	case PCI_CAP_ID_MSIX: return "msix";
	case 0x09: return "vendor";
	case 0x0d: return "ssvid";
	}
	return NULL;
}

static void pci_report_dev(const struct pci_dev *d)
{
	char bdf[PCI_BDF_LEN], caps[PCI_CAP_LIMIT * 14 + 1] = "";
	size_t n = 0;
	for (unsigned i = 0; i < d->cap_count && n < sizeof(caps); i++) {
		const char *cn = pci_cap_name(d->cap[i].id);
		if (cn)
			n += snprintf(caps + n, sizeof(caps) - n, " %s@0x%02x", cn,
				      d->cap[i].offset);
		else
			n += snprintf(caps + n, sizeof(caps) - n, " 0x%02x@0x%02x", d->cap[i].id,
				      d->cap[i].offset);
	}
	pci_dev_bdf(d, bdf);
	kprintf("# pci %s %04x:%04x class %06x rev 0x%02x header 0x%02x%s%s caps%s%s", bdf,
		d->vendor, d->device, d->class_code, d->revision, d->header_type,
		d->name ? " " : "", d->name ? d->name : "", n ? caps : " none",
		d->cap_broken ? " (list broken)" : "");
	if ((d->header_type & PCI_HEADER_TYPE_MASK) == PCI_HEADER_BRIDGE)
		kprintf(" buses %02x-%02x", d->secondary_bus, d->subordinate_bus);
	kprintf("\n");
	for (unsigned i = 0; i < d->bar_count; i++) {
		const struct pci_bar *b = &d->bar[i];
		if (b->type == PCI_BAR_NONE || b->type == PCI_BAR_MEM64_HIGH)
			continue;
		kprintf("# pci %s bar%u %s%s 0x%llx size 0x%llx%s\n", bdf, i,
			pci_bar_type_name(b->type), b->prefetchable ? " prefetchable" : "",
			(unsigned long long)b->base, (unsigned long long)b->size,
			b->assigned ? "" : " unassigned");
	}
}

void pci_report(void)
{
	char bdf[PCI_BDF_LEN];
	for (unsigned i = 0; i < pci_ecam_count(); i++) {
		const struct pci_ecam_window *w = pci_ecam_get(i);
		char key[24];
		snprintf(key, sizeof(key), "pci.ecam.%u", i);
		fact(key, "0x%llx segment %u buses %02x-%02x", (unsigned long long)w->base,
		     w->segment, w->bus_start, w->bus_end);
	}
	if (pci_init_status)
		kprintf("# pci: not enumerated: %s\n",
			pci_init_why ? pci_init_why : errno_name(pci_init_status));
	for (unsigned i = 0; i < pci_devs_count; i++)
		pci_report_dev(&pci_devs[i]);
	fact("pci.devices", "%u", pci_devs_count + pci_devs_dropped);
	if (!pci_init_status)
		fact("pci.scan_us", "%llu", (unsigned long long)pci_scan_us);
	for (unsigned i = 0; i < PCI_KNOWN_COUNT; i++) {
		const struct pci_dev *d =
			pci_find(pci_known_devs[i].vendor, pci_known_devs[i].device, 0);
		char key[24];
		snprintf(key, sizeof(key), "pci.%s", pci_known_devs[i].name);
		fact(key, "%s", d ? pci_dev_bdf(d, bdf) : "none");
	}
	findings_print(&pci_found);
}
