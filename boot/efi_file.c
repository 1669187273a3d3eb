/* SPDX-License-Identifier: MIT */
#include "boot/efi_file.h"

#include <string.h>

static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
static EFI_GUID simple_fs_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
static EFI_GUID file_info_guid = EFI_FILE_INFO_ID;

EFI_FILE_HANDLE efi_file_open_root(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	EFI_LOADED_IMAGE *li = NULL;
	EFI_FILE_IO_INTERFACE *fs = NULL;
	EFI_FILE_HANDLE root = NULL;

	if (EFI_ERROR(st->BootServices->HandleProtocol(image, &loaded_image_guid, (void **)&li)))
		return NULL;
	if (EFI_ERROR(st->BootServices->HandleProtocol(li->DeviceHandle, &simple_fs_guid,
						       (void **)&fs)))
		return NULL;
	if (EFI_ERROR(fs->OpenVolume(fs, &root)))
		return NULL;
	return root;
}

static void efi_file_name_to_ascii(const CHAR16 *src, char *dst, size_t max)
{
	size_t i = 0;
	for (; src[i] && i + 1 < max; i++)
		dst[i] = src[i] < 0x80 ? (char)src[i] : '?';
	dst[i] = 0;
}

static EFI_STATUS read_open_file(EFI_SYSTEM_TABLE *st, EFI_FILE_HANDLE fh, struct boot_file *out,
				 UINTN max_size)
{
	UINT8 info_buf[SIZE_OF_EFI_FILE_INFO + 256 * sizeof(CHAR16)];
	UINTN info_size = sizeof(info_buf);
	EFI_STATUS s = fh->GetInfo(fh, &file_info_guid, &info_size, info_buf);
	if (EFI_ERROR(s))
		return s;
	EFI_FILE_INFO *info = (EFI_FILE_INFO *)info_buf;
	if (info->Attribute & EFI_FILE_DIRECTORY)
		return EFI_UNSUPPORTED;
	if (info->FileSize > max_size)
		return EFI_BUFFER_TOO_SMALL;
	UINTN size = info->FileSize;
	void *buf = NULL;
	s = st->BootServices->AllocatePool(EfiLoaderData, size + 1, &buf);
	if (EFI_ERROR(s))
		return s;
	s = fh->Read(fh, &size, buf);
	if (EFI_ERROR(s)) {
		st->BootServices->FreePool(buf);
		return s;
	}
	((UINT8 *)buf)[size] = 0;
	out->data = buf;
	out->size = (uint32_t)size;
	efi_file_name_to_ascii(info->FileName, out->name, sizeof(out->name));
	return EFI_SUCCESS;
}

EFI_STATUS efi_file_read(EFI_SYSTEM_TABLE *st, EFI_FILE_HANDLE root, const CHAR16 *path,
			 struct boot_file *out, UINTN max_size)
{
	EFI_FILE_HANDLE fh;
	memset(out, 0, sizeof(*out));
	EFI_STATUS s = root->Open(root, &fh, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(s))
		return s;
	s = read_open_file(st, fh, out, max_size);
	fh->Close(fh);
	return s;
}

unsigned efi_file_read_dir(EFI_SYSTEM_TABLE *st, EFI_FILE_HANDLE root, const CHAR16 *dir,
			   struct boot_file *files, unsigned max, UINTN max_size)
{
	EFI_FILE_HANDLE dh;
	unsigned n = 0;
	if (EFI_ERROR(root->Open(root, &dh, (CHAR16 *)dir, EFI_FILE_MODE_READ, 0)))
		return 0;
	for (;;) {
		UINT8 info_buf[SIZE_OF_EFI_FILE_INFO + 256 * sizeof(CHAR16)];
		UINTN size = sizeof(info_buf);
		if (EFI_ERROR(dh->Read(dh, &size, info_buf)) || size == 0)
			break;
		EFI_FILE_INFO *info = (EFI_FILE_INFO *)info_buf;
		if (info->Attribute & EFI_FILE_DIRECTORY)
			continue;
		if (n == max)
			break;
		EFI_FILE_HANDLE fh;
		if (EFI_ERROR(dh->Open(dh, &fh, info->FileName, EFI_FILE_MODE_READ, 0)))
			continue;
		if (!EFI_ERROR(read_open_file(st, fh, &files[n], max_size)))
			n++;
		fh->Close(fh);
	}
	dh->Close(dh);
	return n;
}
