/* SPDX-License-Identifier: MIT */
/*
 * The pure half of choosing a device's MSI parent (kernel/msi_parent.h does
 * the lookups): the device's ids from its IORT path, and the parent from
 * the candidates the platform found for it. Host-tested (tests/host/msi).
 */
#ifndef DOORBELL_MSI_PARENT_PICK_H
#define DOORBELL_MSI_PARENT_PICK_H

#include "drivers/acpi/acpi_iort.h"
#include "kernel/irq/irq_domain.h"

/*
 * The ids of requester id rid in segment: with an IORT path (Arm DEN 0049
 * §3: root complex -> (SMMU ->) ITS group) the DeviceID and StreamID it
 * maps to; without one (no IORT, x86) every id is the rid.
 */
void msi_parent_pick_ids(uint16_t segment, uint16_t rid, const struct acpi_iort_path *path,
			 struct irq_dev_ids *out);

/*
 * The parent of a device's MSI bus domains (Linux: the device's MSI domain,
 * set once per device): remap, the remap domain whose scope covers the
 * device (VT-d unit by DMAR device scope, the ITS the IORT leads to), else
 * bottom when it composes messages itself (x86 vectors: a device no unit
 * covers is not remapped), else NULL (arm64 LPIs without an ITS).
 */
struct irq_domain *msi_parent_pick(struct irq_domain *remap, struct irq_domain *bottom);

#endif
