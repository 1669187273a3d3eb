/* SPDX-License-Identifier: MIT */
/*
 * DMAR RMRRs (VT-d §8.4) kept out of doorbell's page allocator. An RMRR is
 * memory the firmware gave a device (a USB controller, a GPU) that may DMA
 * there at any time, so doorbell must not put its own data there. Claimed
 * as soon as the DMAR is parsed (platform_detect), before the VT-d units
 * and everything after them allocate; pages allocated earlier (the page
 * tables, a zone's bitmap) cannot move and are reported.
 */
#ifndef DOORBELL_VTD_RMRR_H
#define DOORBELL_VTD_RMRR_H

#include "drivers/acpi/acpi_platform.h"
#include "kernel/findings.h"

/*
 * Reserves every RMRR (dma_reserve: rounded out to whole pages, what an
 * earlier RMRR already holds skipped; reversed or wrapping ones are the
 * parser's findings and skipped): a `# vtd:` line per RMRR that kept pages,
 * and a warning finding (vtd.rmrr-in-use) per RMRR holding pages doorbell
 * already uses.
 */
void vtd_rmrr_claim(const struct acpi_platform *a, struct findings *f);
/* Facts vtd.rmrr_pages_kept and vtd.rmrr_refused, each only when non-zero. */
void vtd_rmrr_report(void);

#endif
