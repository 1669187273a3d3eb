/* SPDX-License-Identifier: MIT */
/* What the EFI stage hands the kernel after ExitBootServices. */
#ifndef DOORBELL_BOOT_HANDOFF_H
#define DOORBELL_BOOT_HANDOFF_H

#include <stdint.h>

#define BOOT_INFO_MAGIC 0x4c4c4542524f4f44ull /* "DOORBELL" */

/* UEFI memory types we care about (UEFI 2.10 §7.2, EFI_MEMORY_TYPE). */
enum mem_type {
	MEM_RESERVED = 0,
	MEM_LOADER_CODE = 1,
	MEM_LOADER_DATA = 2,
	MEM_BS_CODE = 3,
	MEM_BS_DATA = 4,
	MEM_RT_CODE = 5,
	MEM_RT_DATA = 6,
	MEM_CONVENTIONAL = 7,
	MEM_UNUSABLE = 8,
	MEM_ACPI_RECLAIM = 9,
	MEM_ACPI_NVS = 10,
	MEM_MMIO = 11,
	MEM_MMIO_PORT = 12,
	MEM_PAL_CODE = 13,
	MEM_PERSISTENT = 14,
};

struct mem_region {
	uint64_t base;
	uint64_t pages; /* 4 KiB pages */
	uint32_t type;  /* enum mem_type */
	uint32_t pad;
	uint64_t attr; /* EFI_MEMORY_* attribute bits */
};

/* A file read from the ESP before ExitBootServices. */
struct boot_file {
	char name[64];
	const uint8_t *data;
	uint32_t size;
};

#define BOOT_MAX_REGIONS    512
#define BOOT_MAX_ACPI_FILES 16

struct boot_info {
	uint64_t magic;
	/* Sorted by base, adjacent regions of one type not merged. */
	struct mem_region *regions;
	uint32_t region_count;
	uint32_t efi_map_descriptors; /* as the firmware reported them */
	uint64_t rsdp_phys;           /* 0 when the firmware gave none */
	uint32_t rsdp_from_acpi20;    /* 1: ACPI 2.0 GUID, 0: ACPI 1.0 GUID */
	uint32_t exit_boot_services_tries;
	uint64_t image_base;
	uint64_t image_size;
	uint64_t low_page;       /* x86: a page below 1 MiB for the AP trampoline; 0 if none */
	uint64_t boot_counter;   /* arch counter when efi_main started */
	uint64_t ebs_counter;    /* arch counter right after ExitBootServices */
	struct boot_file config; /* \doorbell\config, size 0 when absent */
	struct boot_file acpi_files[BOOT_MAX_ACPI_FILES]; /* \doorbell\acpi\*.aml */
	uint32_t acpi_file_count;
	uint32_t pad;
};

/* The kernel's entry, called on the firmware's stack with boot services gone. */
__attribute__((noreturn)) void kernel_main(struct boot_info *bi);

#endif
