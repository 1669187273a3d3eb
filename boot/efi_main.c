/* SPDX-License-Identifier: MIT */
/*
 * The EFI stage: everything doorbell needs from boot services, gathered
 * into struct boot_info before ExitBootServices; then kernel_main.
 */
#include <efi.h>
#include <string.h>

#include "arch/hooks.h"
#include "boot/efi_file.h"
#include "boot/efi_gop.h"
#include "boot/handoff.h"

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);

static EFI_GUID acpi20_guid = ACPI_20_TABLE_GUID;
static EFI_GUID acpi10_guid = ACPI_TABLE_GUID;
static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;

#define CONFIG_MAX_BYTES    (16u * 1024)
#define ACPI_FILE_MAX_BYTES (256u * 1024)
/* Room for the map to grow between sizing it and the final GetMemoryMap. */
#define MAP_SLACK_DESCRIPTORS 64

static void efi_say(EFI_SYSTEM_TABLE *st, const CHAR16 *s)
{
	if (st->ConOut)
		st->ConOut->OutputString(st->ConOut, (CHAR16 *)s);
}

static void efi_find_rsdp(EFI_SYSTEM_TABLE *st, struct boot_info *bi)
{
	for (UINTN i = 0; i < st->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *ct = &st->ConfigurationTable[i];
		if (!memcmp(&ct->VendorGuid, &acpi20_guid, sizeof(EFI_GUID))) {
			bi->rsdp_phys = (uint64_t)(uintptr_t)ct->VendorTable;
			bi->rsdp_from_acpi20 = 1;
			return;
		}
		if (!memcmp(&ct->VendorGuid, &acpi10_guid, sizeof(EFI_GUID)) && !bi->rsdp_phys)
			bi->rsdp_phys = (uint64_t)(uintptr_t)ct->VendorTable;
	}
}

static void efi_read_esp_files(EFI_HANDLE image, EFI_SYSTEM_TABLE *st, struct boot_info *bi)
{
	EFI_FILE_HANDLE root = efi_file_open_root(image, st);
	if (!root) {
		efi_say(st, L"doorbell: no file system on the boot volume; defaults apply\r\n");
		return;
	}
	efi_file_read(st, root, L"\\doorbell\\config", &bi->config, CONFIG_MAX_BYTES);
	bi->acpi_file_count = efi_file_read_dir(st, root, L"\\doorbell\\acpi", bi->acpi_files,
						BOOT_MAX_ACPI_FILES, ACPI_FILE_MAX_BYTES);
	root->Close(root);
}

static void efi_image_extent(EFI_HANDLE image, EFI_SYSTEM_TABLE *st, struct boot_info *bi)
{
	EFI_LOADED_IMAGE *li = NULL;
	if (!EFI_ERROR(st->BootServices->HandleProtocol(image, &loaded_image_guid, (void **)&li))) {
		bi->image_base = (uint64_t)(uintptr_t)li->ImageBase;
		bi->image_size = li->ImageSize;
	}
}

/* x86: a page below 1 MiB for the AP start-up trampoline (SIPI vector = page >> 12). */
static void efi_reserve_low_page(EFI_SYSTEM_TABLE *st, struct boot_info *bi)
{
#if defined(__x86_64__)
	EFI_PHYSICAL_ADDRESS addr = 0xff000;
	if (!EFI_ERROR(
		    st->BootServices->AllocatePages(AllocateMaxAddress, EfiLoaderData, 1, &addr)))
		bi->low_page = addr;
#else
	(void)st;
	(void)bi;
#endif
}

/* Descriptors to regions, sorted by base (firmware maps are usually sorted already). */
static void efi_convert_map(struct boot_info *bi, const UINT8 *map, UINTN map_size, UINTN desc_size)
{
	uint32_t n = 0;
	for (UINTN off = 0; off + desc_size <= map_size && n < BOOT_MAX_REGIONS; off += desc_size) {
		const EFI_MEMORY_DESCRIPTOR *d = (const EFI_MEMORY_DESCRIPTOR *)(map + off);
		struct mem_region r = {
			.base = d->PhysicalStart,
			.pages = d->NumberOfPages,
			.type = d->Type,
			.attr = d->Attribute,
		};
		uint32_t k = n++;
		while (k > 0 && bi->regions[k - 1].base > r.base) {
			bi->regions[k] = bi->regions[k - 1];
			k--;
		}
		bi->regions[k] = r;
	}
	bi->region_count = n;
	bi->efi_map_descriptors = (uint32_t)(map_size / desc_size);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	EFI_BOOT_SERVICES *bs = st->BootServices;
	struct boot_info *bi = NULL;
	UINT8 *map = NULL;
	UINTN map_size = 0, map_key = 0, desc_size = 0, map_alloc;
	UINT32 desc_version = 0;
	EFI_STATUS s;
	uint64_t t0 = arch_counter_read();

	efi_say(st, L"doorbell: interrupt-delivery test harness\r\n");

	s = bs->AllocatePool(EfiLoaderData, sizeof(*bi), (void **)&bi);
	if (EFI_ERROR(s))
		goto fail;
	memset(bi, 0, sizeof(*bi));
	bi->magic = BOOT_INFO_MAGIC;
	bi->boot_counter = t0;
	s = bs->AllocatePool(EfiLoaderData, sizeof(struct mem_region) * BOOT_MAX_REGIONS,
			     (void **)&bi->regions);
	if (EFI_ERROR(s))
		goto fail;

	efi_find_rsdp(st, bi);
	efi_image_extent(image, st, bi);
	efi_read_esp_files(image, st, bi);
	efi_reserve_low_page(st, bi);
	efi_gop_find(st, &bi->fb);

	/* Size the map, then allocate it with slack: the allocation itself adds entries. */
	s = bs->GetMemoryMap(&map_size, NULL, &map_key, &desc_size, &desc_version);
	if (s != EFI_BUFFER_TOO_SMALL || !desc_size)
		goto fail;
	map_alloc = map_size + MAP_SLACK_DESCRIPTORS * desc_size;
	s = bs->AllocatePool(EfiLoaderData, map_alloc, (void **)&map);
	if (EFI_ERROR(s))
		goto fail;

	efi_say(st, L"doorbell: leaving boot services\r\n");
	/* UEFI 2.10 §7.4.6: a stale MapKey fails with EFI_INVALID_PARAMETER; fetch the map again. */
	for (unsigned tries = 1; tries <= 2; tries++) {
		map_size = map_alloc;
		s = bs->GetMemoryMap(&map_size, (EFI_MEMORY_DESCRIPTOR *)map, &map_key, &desc_size,
				     &desc_version);
		if (EFI_ERROR(s))
			goto fail;
		s = bs->ExitBootServices(image, map_key);
		bi->exit_boot_services_tries = tries;
		if (!EFI_ERROR(s))
			break;
	}
	if (EFI_ERROR(s))
		goto fail;

	bi->ebs_counter = arch_counter_read();
	efi_convert_map(bi, map, map_size, desc_size);
	kernel_main(bi);

fail:
	efi_say(st, L"doorbell: the EFI stage failed; cannot continue\r\n");
	return s ? s : EFI_LOAD_ERROR;
}
