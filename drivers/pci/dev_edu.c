/* SPDX-License-Identifier: MIT */
#include "drivers/pci/dev_edu.h"

#include <string.h>

#include "drivers/pci/pci_mmio.h"
#include "kernel/errno.h"
#include "kernel/time.h"

int edu_probe(struct edu_dev *e, unsigned instance)
{
	memset(e, 0, sizeof(*e));
	e->pci = pci_dev_open_mmio(PCI_VENDOR_QEMU, PCI_DEVICE_EDU, instance, &e->regs,
				   &e->cmd_saved);
	if (!e->pci)
		return -ENODEV;
	if ((pci_mmio_read32(e->regs + EDU_REG_ID) & 0xff) != EDU_ID_MAGIC) {
		edu_release(e);
		return -EIO;
	}
	return 0;
}

void edu_release(struct edu_dev *e)
{
	if (!e->pci)
		return;
	pci_write16(e->pci, PCI_COMMAND, e->cmd_saved);
	e->pci = 0;
}

void edu_raise(const struct edu_dev *e, uint32_t bits)
{
	pci_mmio_write32(e->regs + EDU_REG_IRQ_RAISE, bits);
}

int edu_dma_check(uint32_t buf_off, uint32_t count)
{
	uint64_t start = (uint64_t)EDU_BUF_ADDR + buf_off;
	if (count == 0 || start + count > EDU_BUF_END)
		return -EINVAL;
	return 0;
}

bool edu_dma_busy(const struct edu_dev *e)
{
	return pci_mmio_read32(e->regs + EDU_REG_DMA_CMD) & EDU_DMA_RUN;
}

/*
 * Sleeping lets -icount skip to the device's timer (arch_sleep_until); it
 * holds device interrupts off, so a bus level may call this under the
 * irq core lock.
 */
static int edu_dma_wait(const struct edu_dev *e, uint64_t timeout_us)
{
	deadline_t d = deadline_in_us(timeout_us);
	uint64_t step = time_us_to_ticks(10000);
	while (edu_dma_busy(e)) {
		if (deadline_passed(d))
			return -ETIMEDOUT;
		uint64_t until = arch_counter_read() + step;
		arch_sleep_until((int64_t)(until - d.at) > 0 ? d.at : until);
	}
	return 0;
}

static int edu_dma(const struct edu_dev *e, uint64_t src, uint64_t dst, uint32_t count,
		   uint32_t cmd, uint64_t timeout_us)
{
	if (edu_dma_busy(e))
		return -EBUSY; /* the device ignores register writes while it runs */
	pci_mmio_write64(e->regs + EDU_REG_DMA_SRC, src);
	pci_mmio_write64(e->regs + EDU_REG_DMA_DST, dst);
	pci_mmio_write64(e->regs + EDU_REG_DMA_COUNT, count);
	pci_mmio_write64(e->regs + EDU_REG_DMA_CMD, cmd | EDU_DMA_RUN);
	return edu_dma_wait(e, timeout_us);
}

int edu_dma_to_ram(const struct edu_dev *e, uint32_t buf_off, uint64_t bus, uint32_t count,
		   uint64_t timeout_us)
{
	int err = edu_dma_check(buf_off, count);
	if (err)
		return err;
	return edu_dma(e, EDU_BUF_ADDR + buf_off, bus, count, EDU_DMA_TO_RAM, timeout_us);
}

int edu_dma_from_ram(const struct edu_dev *e, uint64_t bus, uint32_t buf_off, uint32_t count,
		     uint64_t timeout_us)
{
	int err = edu_dma_check(buf_off, count);
	if (err)
		return err;
	return edu_dma(e, bus, EDU_BUF_ADDR + buf_off, count, 0, timeout_us);
}
