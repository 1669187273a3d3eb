/* SPDX-License-Identifier: MIT */
/* Kernel-wide state for guest code. */
#ifndef DOORBELL_KERNEL_H
#define DOORBELL_KERNEL_H

#include "boot/handoff.h"

/* What the EFI stage handed over (valid for the whole run). */
const struct boot_info *kernel_boot_info(void);

#endif
