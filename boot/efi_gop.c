/* SPDX-License-Identifier: MIT */
/*
 * The framebuffer of the current GOP mode (UEFI 2.10 §12.9.2): base and size
 * from EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE, the geometry and pixel format from
 * its EFI_GRAPHICS_OUTPUT_MODE_INFORMATION. The mode is not changed: what the
 * firmware shows is what the kernel draws on.
 */
#include "boot/efi_gop.h"

#include <string.h>

static EFI_GUID gop_guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;

static EFI_GRAPHICS_OUTPUT_PROTOCOL *efi_gop_locate(EFI_SYSTEM_TABLE *st)
{
	EFI_BOOT_SERVICES *bs = st->BootServices;
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = NULL;

	/* The console's own display first: that is the screen a person looks at. */
	if (st->ConsoleOutHandle &&
	    !EFI_ERROR(bs->HandleProtocol(st->ConsoleOutHandle, &gop_guid, (void **)&gop)) && gop)
		return gop;
	gop = NULL;
	if (EFI_ERROR(bs->LocateProtocol(&gop_guid, NULL, (void **)&gop)))
		return NULL;
	return gop;
}

static uint32_t efi_gop_format(EFI_GRAPHICS_PIXEL_FORMAT f)
{
	switch (f) {
	case PixelRedGreenBlueReserved8BitPerColor: return BOOT_FB_RGBX8;
	case PixelBlueGreenRedReserved8BitPerColor: return BOOT_FB_BGRX8;
	case PixelBitMask: return BOOT_FB_BITMASK;
	default: return BOOT_FB_BLT_ONLY;
	}
}

void efi_gop_find(EFI_SYSTEM_TABLE *st, struct boot_fb *fb)
{
	memset(fb, 0, sizeof(*fb));
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = efi_gop_locate(st);
	if (!gop || !gop->Mode || !gop->Mode->Info)
		return;
	const EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info = gop->Mode->Info;
	fb->width = info->HorizontalResolution;
	fb->height = info->VerticalResolution;
	fb->stride = info->PixelsPerScanLine;
	fb->format = efi_gop_format(info->PixelFormat);
	fb->red_mask = info->PixelInformation.RedMask;
	fb->green_mask = info->PixelInformation.GreenMask;
	fb->blue_mask = info->PixelInformation.BlueMask;
	fb->reserved_mask = info->PixelInformation.ReservedMask;
	if (fb->format != BOOT_FB_BLT_ONLY) {
		fb->base = gop->Mode->FrameBufferBase;
		fb->size = gop->Mode->FrameBufferSize;
	}
}
