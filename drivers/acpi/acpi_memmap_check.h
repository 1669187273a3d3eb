/* SPDX-License-Identifier: MIT */
/*
 * The memory ranges the tables ask to keep for devices, against the UEFI
 * memory map: DMAR RMRRs (VT-d §8.4) and IORT RMR ranges (DEN 0049E.d
 * §3.1.1.9). Such a range is DMA target memory the firmware set up; the OS
 * must not hand it out, so it belongs in memory the firmware reserves.
 *
 * After ExitBootServices the OS owns EfiLoaderCode/Data, EfiBootServices-
 * Code/Data and EfiConventionalMemory, reclaims EfiACPIReclaimMemory once it
 * has read the tables, and uses EfiPersistentMemory as storage (UEFI 2.10
 * §7.2, Table 7.6 "Memory Type Usage after ExitBootServices()"): a range there
 * is a firmware bug. Reserved are EfiReservedMemoryType, EfiRuntimeServices-
 * Code/Data, EfiACPIMemoryNVS, EfiMemoryMappedIO(PortSpace) and EfiPalCode,
 * which Linux's EFI stub turns into E820 reserved or NVS, the two types
 * Linux's RMRR check accepts. EfiUnusableMemory and addresses in no
 * descriptor are not reused but are not a reservation either.
 *
 * Pure: the guest runs it on its boot map (kernel/platform_detect.c), the
 * host tests on synthetic maps.
 */
#ifndef DOORBELL_ACPI_MEMMAP_CHECK_H
#define DOORBELL_ACPI_MEMMAP_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/handoff.h"
#include "drivers/acpi/acpi_platform.h"
#include "kernel/findings.h"

/* A memory type the firmware keeps after ExitBootServices (see above). */
bool acpi_memmap_type_reserved(uint32_t type);
/* A memory type the OS allocates from after ExitBootServices (see above). */
bool acpi_memmap_type_os(uint32_t type);

/* Bytes of [base, base + size) by what the map says of them. */
struct acpi_memmap_cover {
	uint64_t reserved; /* in reserved types */
	uint64_t os;       /* in types the OS reuses */
	uint64_t other;    /* EfiUnusableMemory, unknown types, and no descriptor at all */
	int os_type;       /* the lowest-addressed OS type met, -1 when none */
	uint64_t os_base;  /* where that part starts */
};

/*
 * What the count regions (any order; overlapping descriptors count once, by
 * the first that holds an address) say of [base, base + size).
 */
void acpi_memmap_cover(const struct mem_region *regions, unsigned count, uint64_t base,
		       uint64_t size, struct acpi_memmap_cover *out);

/*
 * Every RMRR of p's DMAR and every RMR range of p's IORT (revision 5 or
 * later, the ones Linux uses) against the map: findings dmar.rmrr-not-reserved
 * and iort.rmr-not-reserved.
 */
void acpi_memmap_check(const struct acpi_platform *p, const struct mem_region *regions,
		       unsigned count, struct findings *f);

/* The UEFI name of a memory type ("EfiConventionalMemory"), "unknown" past EfiPersistentMemory. */
const char *acpi_memmap_type_name(uint32_t type);

#endif
