/* SPDX-License-Identifier: MIT */
/* The Graphics Output Protocol's framebuffer, read before ExitBootServices. */
#ifndef DOORBELL_EFI_GOP_H
#define DOORBELL_EFI_GOP_H

#include <efi.h>

#include "boot/handoff.h"

/* Fills *fb from the console's GOP (or the first one found); format BOOT_FB_NONE without one. */
void efi_gop_find(EFI_SYSTEM_TABLE *st, struct boot_fb *fb);

#endif
