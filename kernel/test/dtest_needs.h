/* SPDX-License-Identifier: MIT */
/*
 * Which DTEST needs this run has, and why each absent one is absent (the
 * SKIP reason): ACPI, the second clock, the PCI test devices, and what the
 * arch's platform drivers serve (kernel/platform_drivers.h).
 */
#ifndef DOORBELL_DTEST_NEEDS_H
#define DOORBELL_DTEST_NEEDS_H

#include "kernel/test/dtest.h"

/* Set p->have and p->missing_reason; prints `# fact msix.device`. After pci_init and the drivers. */
void dtest_needs_fill(struct dtest_platform *p);

#endif
