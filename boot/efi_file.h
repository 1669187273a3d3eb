/* SPDX-License-Identifier: MIT */
/* Reading files from the ESP the image was loaded from (boot services only). */
#ifndef DOORBELL_EFI_FILE_H
#define DOORBELL_EFI_FILE_H

#include <efi.h>

#include "boot/handoff.h"

/* Opens the root directory of the image's own volume; NULL if none. */
EFI_FILE_HANDLE efi_file_open_root(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);
/* Reads a whole file into loader-data pool memory; EFI_NOT_FOUND when absent. */
EFI_STATUS efi_file_read(EFI_SYSTEM_TABLE *st, EFI_FILE_HANDLE root, const CHAR16 *path,
			 struct boot_file *out, UINTN max_size);
/* Reads every regular file of a directory into files[], up to max; returns the count. */
unsigned efi_file_read_dir(EFI_SYSTEM_TABLE *st, EFI_FILE_HANDLE root, const CHAR16 *dir,
			   struct boot_file *files, unsigned max, UINTN max_size);

#endif
