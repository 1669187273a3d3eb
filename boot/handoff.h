/* SPDX-License-Identifier: MIT */
/*
 * What the boot stage hands the kernel: the EFI stage after ExitBootServices
 * (boot/efi_main.c), or the multiboot entry (boot/multiboot.c, x86_64).
 */
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

/*
 * The framebuffer of the Graphics Output Protocol's current mode (UEFI 2.10
 * §12.9), recorded before ExitBootServices. format BOOT_FB_NONE: no GOP
 * (always so on the multiboot path); BOOT_FB_BLT_ONLY: a GOP without a
 * linear framebuffer (nothing to draw on).
 */
enum boot_fb_format {
	BOOT_FB_NONE = 0,
	BOOT_FB_RGBX8 = 1,   /* PixelRedGreenBlueReserved8BitPerColor: byte 0 red */
	BOOT_FB_BGRX8 = 2,   /* PixelBlueGreenRedReserved8BitPerColor: byte 0 blue */
	BOOT_FB_BITMASK = 3, /* PixelBitMask: the masks below */
	BOOT_FB_BLT_ONLY = 4,
};

struct boot_fb {
	uint64_t base; /* physical address of pixel (0, 0) */
	uint64_t size; /* bytes */
	uint32_t width, height;
	uint32_t stride;                                         /* pixels per scan line */
	uint32_t format;                                         /* enum boot_fb_format */
	uint32_t red_mask, green_mask, blue_mask, reserved_mask; /* BOOT_FB_BITMASK only */
};

/* Which entry filled struct boot_info. */
enum boot_path {
	BOOT_PATH_UEFI = 0,
	BOOT_PATH_MULTIBOOT = 1,
};

#define BOOT_MAX_REGIONS    512
#define BOOT_MAX_ACPI_FILES 16

struct boot_info {
	uint64_t magic;
	/* Sorted by base, adjacent regions of one type not merged. */
	struct mem_region *regions;
	uint32_t region_count;
	uint32_t efi_map_descriptors;      /* as the firmware reported them; 0 on multiboot */
	uint64_t rsdp_phys;                /* 0 when the firmware gave none */
	uint32_t rsdp_from_acpi20;         /* 1: ACPI 2.0 GUID, 0: ACPI 1.0 GUID */
	uint32_t exit_boot_services_tries; /* 0 on multiboot */
	uint64_t image_base;
	uint64_t image_size;
	uint64_t low_page;     /* x86: a page below 1 MiB for the AP trampoline; 0 if none */
	uint64_t boot_counter; /* arch counter when the boot stage started */
	uint64_t ebs_counter;  /* arch counter right after ExitBootServices (multiboot: hand-off) */
	/* \doorbell\config (multiboot: the module named "config"), size 0 when absent */
	struct boot_file config;
	/* \doorbell\acpi\*.aml (multiboot: every other module) */
	struct boot_file acpi_files[BOOT_MAX_ACPI_FILES];
	uint32_t acpi_file_count;
	uint32_t boot_path;  /* enum boot_path */
	const char *cmdline; /* the loader's command line (multiboot), NULL when none */
	struct boot_fb fb;   /* multiboot: none (format BOOT_FB_NONE) */
};

/* The kernel's entry, called with the firmware's services gone (or never there). */
__attribute__((noreturn)) void kernel_main(struct boot_info *bi);

#endif
