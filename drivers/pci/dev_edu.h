/* SPDX-License-Identifier: MIT */
/*
 * QEMU's edu device (1234:11e8, docs/specs/edu.rst): the harness's MSI
 * source. Each write to the raise register sends one MSI when MSI is
 * enabled (hw/misc/edu.c edu_raise_irq); no acknowledge is needed for MSI
 * (DESIGN §4), the status register only matters for INTx.
 */
#ifndef DOORBELL_DEV_EDU_H
#define DOORBELL_DEV_EDU_H

#include <stdint.h>

#include "drivers/pci/pci.h"

#define EDU_REG_ID         0x00 /* 0xRRrr00ed: major, minor, 0xed */
#define EDU_REG_IRQ_STATUS 0x24
#define EDU_REG_IRQ_RAISE  0x60 /* value is ORed into the status; sends the interrupt */
#define EDU_REG_IRQ_ACK    0x64 /* clears status bits */
#define EDU_ID_MAGIC       0xed

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
void edu_ack(const struct edu_dev *e, uint32_t bits);
uint32_t edu_irq_status(const struct edu_dev *e);

#endif
