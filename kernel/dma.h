/* SPDX-License-Identifier: MIT */
/*
 * DMA mappings for drivers that must stay agnostic of what sits between
 * their device and memory (the IMS device on edu): "make these pages of
 * RAM (or a peer's BAR) reachable by the writes and reads of requester id
 * rid, and tell me the address the device must use".
 *
 *	uint64_t bus;
 *	int err = dma_map(pci_dev_rid(dev), phys, size, &bus);
 *	...                                  // the device uses bus, the CPU phys
 *	dma_unmap(pci_dev_rid(dev), bus, size);
 *
 * With no backend (x86, where doorbell does not enable DMA remapping; an
 * arm64 machine without SMMU) the device uses the physical address. An IOMMU
 * layer registers a backend (the SMMUv3 maps identity IOVAs in the stream's
 * stage-1 context, and answers identity for a stream in bypass). Mappings
 * cover whole 4 KiB pages; two mappings must not share a page.
 */
#ifndef DOORBELL_DMA_H
#define DOORBELL_DMA_H

#include <stdint.h>

#define DMA_PAGE_SIZE 4096ull

struct dma_ops {
	const char *name;
	/*
	 * Map the page-aligned [phys, phys + size) for rid: 0 with *dev_addr
	 * (the address of phys as the device sees it), or a negative errno
	 * with nothing mapped.
	 */
	int (*map)(uint32_t rid, uint64_t phys, uint64_t size, uint64_t *dev_addr);
	/* Undo one map (page-aligned dev_addr and size as the map gave them): 0 or errno. */
	int (*unmap)(uint32_t rid, uint64_t dev_addr, uint64_t size);
};

/* Install the backend (NULL: identity). The IOMMU layer calls it once it is up. */
void dma_set_ops(const struct dma_ops *ops);
/* The backend's name, "identity" when there is none. */
const char *dma_backend_name(void);

/*
 * 0 with *dev_addr; -EINVAL (size 0, a range that wraps), or the backend's
 * errors (-ENOMEM, -EEXIST: a page already mapped, -EINVAL: a range the
 * IOMMU reserves, such as the SMMU's MSI window).
 */
int dma_map(uint32_t rid, uint64_t phys, uint64_t size, uint64_t *dev_addr);
/* Undo dma_map(rid, phys, size) given the dev_addr it returned: 0 or errno. */
int dma_unmap(uint32_t rid, uint64_t dev_addr, uint64_t size);

#endif
