/* SPDX-License-Identifier: MIT */
/*
 * PCI bus: enumeration of every bus of every ECAM window, BARs as the
 * firmware assigned them (sized, never moved), capabilities, and the
 * devices the harness drives. Bus code only: nothing here knows what
 * sits between a device and the CPU (IOMMU, interrupt controller).
 *
 *	pci_init(&plat->acpi);
 *	struct pci_dev *edu = pci_find(PCI_VENDOR_QEMU, PCI_DEVICE_EDU, 0);
 *	if (edu) {
 *		uint64_t regs = edu->bar[0].base;
 *		pci_command_update(edu, PCI_COMMAND_MASTER, 0);
 *	}
 */
#ifndef DOORBELL_PCI_H
#define DOORBELL_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/acpi/acpi_tables.h"
#include "drivers/pci/pci_alias.h"
#include "drivers/pci/pci_ecam.h"
#include "drivers/pci/pci_regs.h"
#include "kernel/findings.h"

/* The devices the harness drives. */
#define PCI_VENDOR_QEMU   0x1234
#define PCI_DEVICE_EDU    0x11e8
#define PCI_VENDOR_INTEL  0x8086
#define PCI_DEVICE_E1000E 0x10d3 /* 82574L */
#define PCI_DEVICE_IGB    0x10c9 /* 82576 */

#define PCI_MAX_DEVS 128
#define PCI_MAX_BARS 6
#define PCI_BDF_LEN  16

enum pci_bar_type {
	PCI_BAR_NONE = 0, /* not implemented (sizes to 0) */
	PCI_BAR_IO,
	PCI_BAR_MEM32,
	PCI_BAR_MEM64,
	PCI_BAR_MEM64_HIGH, /* upper half of the 64-bit BAR before it */
	PCI_BAR_RESERVED,   /* memory type 11b, or 64-bit in the last slot */
};

struct pci_bar {
	enum pci_bar_type type;
	bool prefetchable;
	bool assigned;     /* non-zero address, or address 0 with decode enabled */
	bool restored;     /* after sizing, the register read back its original value */
	uint64_t base;     /* bus address, flag bits removed */
	uint64_t size;     /* bytes; 0 when not implemented */
	uint32_t raw;      /* the register as found (low dword) */
	uint32_t raw_high; /* the next register, for 64-bit BARs */
};

struct pci_cap {
	uint8_t id;
	uint8_t offset;
};

struct pci_dev {
	struct pci_addr addr;
	uint16_t vendor, device;
	uint32_t class_code; /* base class, subclass, programming interface */
	uint8_t revision;
	uint8_t header_type;                    /* as read: bit 7 multi-function, bits 6:0 layout */
	uint8_t secondary_bus, subordinate_bus; /* bridges: as the firmware set them */
	const char *name; /* "edu", "e1000e", "igb" for the devices the harness drives, else NULL */
	unsigned bar_count; /* BAR slots of this header type */
	struct pci_bar bar[PCI_MAX_BARS];
	struct pci_cap cap[PCI_CAP_LIMIT];
	unsigned cap_count;
	bool cap_broken; /* walk stopped: loop, pointer into the header, or past the limit */
	uint8_t msi_cap, msix_cap, pcie_cap; /* config offsets; 0 = absent */
	uint8_t pcie_type;                   /* Device/Port Type of the PCIe capability */
};

/*
 * Finds the MCFG in t (NULL: no ACPI), maps its ECAM windows, enumerates
 * every function of every bus in range, sizes BARs and walks capabilities.
 * Returns 0, -ENOENT (no ACPI or no MCFG), -ENODEV (no usable ECAM window)
 * or the MCFG parser's error. Problems are findings (pci_findings()).
 */
int pci_init(const struct acpi_tables *t);
/* pci_init's result; -ENODEV before it ran. */
int pci_status(void);
const struct findings *pci_findings(void);

/* Prints "# pci ..." lines for each function and BAR, facts, and findings. */
void pci_report(void);

unsigned pci_dev_count(void);
struct pci_dev *pci_dev_get(unsigned i);
/* The instance-th (0-based, in enumeration order) function with these IDs, or NULL. */
struct pci_dev *pci_find(uint16_t vendor, uint16_t device, unsigned instance);
/* The enumerated function with requester id rid on segment, or NULL. */
struct pci_dev *pci_find_rid(uint16_t segment, uint16_t rid);
/* The enumerated bridge whose secondary bus is bus (a root bus: NULL). */
const struct pci_dev *pci_find_upstream(uint16_t segment, uint8_t bus);
/* What d's upstream writes carry at the root complex (pci_alias.h): 0 or -EINVAL. */
int pci_dev_requester(const struct pci_dev *d, struct pci_requester *out);
/* Why pci_find(vendor, device, 0) is NULL, for a test's SKIP; NULL when it is present. */
const char *pci_absent_reason(uint16_t vendor, uint16_t device);

/* "ssss:bb:dd.f" of d into buf (PCI_BDF_LEN bytes). */
char *pci_dev_bdf(const struct pci_dev *d, char *buf);
uint16_t pci_dev_rid(const struct pci_dev *d);

/* Config space of d. */
uint8_t pci_read8(const struct pci_dev *d, unsigned off);
uint16_t pci_read16(const struct pci_dev *d, unsigned off);
uint32_t pci_read32(const struct pci_dev *d, unsigned off);
void pci_write16(const struct pci_dev *d, unsigned off, uint16_t v);
void pci_write32(const struct pci_dev *d, unsigned off, uint32_t v);

/* Sets then clears bits of the command register; returns its old value. */
uint16_t pci_command_update(const struct pci_dev *d, uint16_t set, uint16_t clear);
/*
 * The instance-th vendor:device function whose BAR0 is assigned memory, with
 * memory decode and bus mastering turned on: its BAR0 base in *regs and the
 * command register as found in *cmd_saved (for the driver's release). NULL
 * when there is none.
 */
struct pci_dev *pci_dev_open_mmio(uint16_t vendor, uint16_t device, unsigned instance,
				  uint64_t *regs, uint16_t *cmd_saved);

/*
 * Sizes BAR idx of d now (decode off, all-ones, restore, decode back) and
 * fills *out. Returns 0, -EINVAL (idx out of range or the upper half of a
 * 64-bit BAR) or -EIO (the register did not read back its original value).
 */
int pci_bar_probe(const struct pci_dev *d, unsigned idx, struct pci_bar *out);
const char *pci_bar_type_name(enum pci_bar_type t);

/*
 * Walks the capability list now (at most PCI_CAP_LIMIT entries) and returns
 * the offset of the first capability with this ID, or 0.
 */
uint8_t pci_find_cap(const struct pci_dev *d, uint8_t id);

struct pci_msi_info {
	uint8_t offset;
	bool addr64; /* 64-bit message address */
	bool per_vector_mask;
	unsigned max_vectors; /* 1, 2, 4, ... 32 */
};
/* 0, or -ENODEV when d has no MSI capability. */
int pci_msi_info(const struct pci_dev *d, struct pci_msi_info *out);

struct pci_msix_info {
	uint8_t offset;
	unsigned table_size; /* entries */
	uint8_t table_bir, pba_bir;
	uint32_t table_offset, pba_offset; /* within their BAR */
	uint64_t table_phys, pba_phys;     /* 0 when the BAR is not an assigned memory BAR */
};
/* 0, or -ENODEV when d has no MSI-X capability. */
int pci_msix_info(const struct pci_dev *d, struct pci_msix_info *out);

#endif
