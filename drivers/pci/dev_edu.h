/* SPDX-License-Identifier: MIT */
/*
 * QEMU's edu device (1234:11e8, docs/specs/edu.rst): the harness's MSI
 * source. Each write to the raise register sends one MSI when MSI is
 * enabled (hw/misc/edu.c edu_raise_irq); no acknowledge is needed for MSI
 * (docs/platform.md, "edu"), the status register only matters for INTx.
 */
#ifndef DOORBELL_DEV_EDU_H
#define DOORBELL_DEV_EDU_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/pci/pci.h"

#define EDU_REG_ID         0x00 /* 0xRRrr00ed: major, minor, 0xed */
#define EDU_REG_IRQ_STATUS 0x24
#define EDU_REG_IRQ_RAISE  0x60 /* value is ORed into the status; sends the interrupt */
#define EDU_REG_IRQ_ACK    0x64 /* clears status bits */
#define EDU_ID_MAGIC       0xed

/*
 * DMA engine (docs/specs/edu.rst): source, destination, count, command.
 * One transfer at a time; it completes 100 ms of virtual time after the
 * command is written (docs/platform.md, "edu"). The device side is its 4 KiB buffer at
 * device address EDU_BUF_ADDR. QEMU 7.2 aborts the whole VM on a count of 0
 * or on a range reaching EDU_BUF_END (its bound check is off by one), so
 * every request is checked here first.
 */
#define EDU_REG_DMA_SRC   0x80
#define EDU_REG_DMA_DST   0x88
#define EDU_REG_DMA_COUNT 0x90
#define EDU_REG_DMA_CMD   0x98
#define EDU_DMA_RUN       0x1u
#define EDU_DMA_TO_RAM    0x2u /* direction: device buffer -> bus address */
#define EDU_DMA_IRQ       0x4u /* raise status 0x100 when done */
#define EDU_BUF_ADDR      0x40000u
#define EDU_BUF_END       0x40fffu /* exclusive: the last byte QEMU 7.2 accepts is 0x40ffe */
#define EDU_DMA_WAIT_US   2000000u /* 100 ms of virtual time, with room for a loaded host */

struct edu_dev {
	struct pci_dev *pci;
	uint64_t regs;      /* BAR0 */
	uint16_t cmd_saved; /* command register as found */
};

/*
 * Find the instance-th edu, check its ID register, enable memory decode and
 * bus mastering (an MSI is a memory write): 0, -ENODEV (absent or BAR0 not
 * assigned), -EIO (ID register wrong).
 */
int edu_probe(struct edu_dev *e, unsigned instance);
/* Command register back as found. */
void edu_release(struct edu_dev *e);
/* One interrupt: status |= bits, then an MSI (or INTx while MSI is off). */
void edu_raise(const struct edu_dev *e, uint32_t bits);

/* 0 when [buf_off, buf_off + count) of the device buffer is a transfer QEMU accepts, else -EINVAL. */
int edu_dma_check(uint32_t buf_off, uint32_t count);
/*
 * One transfer between the device buffer (offset buf_off) and bus address
 * bus (what the device emits: a physical address, or an IOVA behind an
 * IOMMU), waited for: 0, -EINVAL (range refused before the device saw it),
 * -EBUSY (a transfer is still running), -ETIMEDOUT (not done in timeout_us;
 * the device is then left busy).
 */
int edu_dma_to_ram(const struct edu_dev *e, uint32_t buf_off, uint64_t bus, uint32_t count,
		   uint64_t timeout_us);
int edu_dma_from_ram(const struct edu_dev *e, uint64_t bus, uint32_t buf_off, uint32_t count,
		     uint64_t timeout_us);
/* True while a transfer runs (command RUN bit). */
bool edu_dma_busy(const struct edu_dev *e);

#endif
