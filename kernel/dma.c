/* SPDX-License-Identifier: MIT */
#include "kernel/dma.h"

#include <stddef.h>

#include "kernel/errno.h"

static const struct dma_ops *dma_backend;

void dma_set_ops(const struct dma_ops *ops)
{
	dma_backend = ops;
}

const char *dma_backend_name(void)
{
	return dma_backend ? dma_backend->name : "identity";
}

/* The whole pages under [addr, addr + size): 0, or -EINVAL for an empty or wrapping range. */
static int dma_pages(uint64_t addr, uint64_t size, uint64_t *first, uint64_t *len)
{
	uint64_t last = addr + size - 1;
	if (size == 0 || last < addr || last > UINT64_MAX - DMA_PAGE_SIZE)
		return -EINVAL;
	*first = addr & ~(DMA_PAGE_SIZE - 1);
	*len = (last | (DMA_PAGE_SIZE - 1)) + 1 - *first;
	return 0;
}

int dma_map(uint32_t rid, uint64_t phys, uint64_t size, uint64_t *dev_addr)
{
	uint64_t first, len, base;
	int err = dma_pages(phys, size, &first, &len);
	if (err)
		return err;
	if (!dma_backend) {
		*dev_addr = phys;
		return 0;
	}
	err = dma_backend->map(rid, first, len, &base);
	if (!err)
		*dev_addr = base + (phys - first);
	return err;
}

int dma_unmap(uint32_t rid, uint64_t dev_addr, uint64_t size)
{
	uint64_t first, len;
	int err = dma_pages(dev_addr, size, &first, &len);
	if (err)
		return err;
	return dma_backend ? dma_backend->unmap(rid, first, len) : 0;
}
