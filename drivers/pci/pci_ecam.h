/* SPDX-License-Identifier: MIT */
/*
 * Configuration access through ECAM (PCIe 6.0 §7.2.2): one 4 KiB window per
 * function at base + (bus << 20 | device << 15 | function << 12), with the
 * windows taken from the MCFG. The kernel maps physical memory 1:1 as
 * device memory, so an ECAM address is used as it is. Accesses are of the
 * register's width and naturally aligned (arm64 Device memory needs it).
 */
#ifndef DOORBELL_PCI_ECAM_H
#define DOORBELL_PCI_ECAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/acpi/acpi_mcfg.h"
#include "kernel/findings.h"

/* Segment, bus, device (0-31), function (0-7). */
struct pci_addr {
	uint16_t segment;
	uint8_t bus;
	uint8_t dev;
	uint8_t fn;
};

struct pci_ecam_window {
	uint64_t base; /* address of bus 0 of the segment, as the MCFG gives it */
	uint16_t segment;
	uint8_t bus_start, bus_end;
};

#define PCI_ECAM_MAX 16
#define PCI_CFG_SIZE 4096u
/* The kernel's identity map ends here (arch_mmu_init). */
#define PCI_IDENTITY_MAP_LIMIT (512ull << 30)

/*
 * Takes every MCFG entry whose window lies inside the identity map and
 * whose first function can be read without an abort. Returns the number
 * of windows kept (0 is possible); problems are findings (source "PCI").
 */
int pci_ecam_init(const struct acpi_mcfg *m, struct findings *f);
unsigned pci_ecam_count(void);
const struct pci_ecam_window *pci_ecam_get(unsigned i);
/* True when a window covers this segment and bus. */
bool pci_ecam_covers(uint16_t segment, uint8_t bus);

/*
 * Config reads return all-ones and writes are dropped when no window
 * covers a, off is past 4 KiB or not aligned to the access width.
 */
uint8_t pci_cfg_read8(struct pci_addr a, unsigned off);
uint16_t pci_cfg_read16(struct pci_addr a, unsigned off);
uint32_t pci_cfg_read32(struct pci_addr a, unsigned off);
void pci_cfg_write8(struct pci_addr a, unsigned off, uint8_t v);
void pci_cfg_write16(struct pci_addr a, unsigned off, uint16_t v);
void pci_cfg_write32(struct pci_addr a, unsigned off, uint32_t v);

/* "ssss:bb:dd.f" into buf (at least 13 bytes); returns buf. */
char *pci_addr_format(struct pci_addr a, char *buf, size_t len);
/* Requester ID (bus << 8 | device << 3 | function), PCIe 6.0 §2.2.6.2. */
uint16_t pci_addr_rid(struct pci_addr a);

#endif
