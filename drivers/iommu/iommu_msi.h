/* SPDX-License-Identifier: MIT */
/*
 * MSI doorbells behind an IOMMU, for remap domains that compose messages
 * (the GICv3 ITS): "is an IOMMU translating this device's writes? then give
 * me the address it must write". A device whose stream translates (an
 * SMMUv3 stage-1 context) gets the doorbell page mapped into its MSI window
 * and the IOVA back; any other device (no SMMU, the SMMU off, the stream in
 * bypass) writes the physical address, which is returned unchanged.
 *
 *	uint64_t addr;
 *	int err = iommu_msi_map(rid, its_base + GITS_TRANSLATER, &addr);
 *	if (!err)
 *		msi_msg_set_address(msg, IRQ_PADDR(addr));  // an IOVA or the physical address
 *	...
 *	iommu_msi_unmap(rid, its_base + GITS_TRANSLATER);      // when the interrupt is freed
 *
 * rid is a PCI requester ID of segment 0, turned into a StreamID through the
 * IORT. Each successful map holds a reference that unmap releases.
 *
 * This is the front end every image links; the IOMMU driver of the arch
 * (the SMMUv3, smmuv3_msi.c) installs itself as the backend once it is up.
 * Without a backend every device writes the physical doorbell.
 */
#ifndef DOORBELL_IOMMU_MSI_H
#define DOORBELL_IOMMU_MSI_H

#include <stdbool.h>
#include <stdint.h>

/*
 * 0 with *iova = the address the device must write for doorbell_phys;
 * -ENOSPC (the MSI window is full), -ENOMEM (page tables), or the SMMU's
 * command-queue errors.
 */
int iommu_msi_map(uint32_t rid, uint64_t doorbell_phys, uint64_t *iova);
/* Drops one map's reference: 0, or -ENOENT when nothing was mapped for it. */
int iommu_msi_unmap(uint32_t rid, uint64_t doorbell_phys);
/* True when an IOMMU translates rid's writes (the map then returns an IOVA). */
bool iommu_msi_translated(uint32_t rid);

/* An IOMMU driver's answers to the three calls above. */
struct iommu_msi_ops {
	const char *name;
	bool (*translated)(uint32_t rid);
	int (*map)(uint32_t rid, uint64_t doorbell_phys, uint64_t *iova);
	int (*unmap)(uint32_t rid, uint64_t doorbell_phys);
};
/* Install the backend (NULL: none, the physical doorbell). The IOMMU driver calls it once it is up. */
void iommu_msi_set_ops(const struct iommu_msi_ops *ops);

#endif
