/* SPDX-License-Identifier: MIT */
/*
 * Intel 82574L as QEMU emulates it (e1000e, 8086:10d3): the harness's
 * MSI-X source. No link, no rings: the Interrupt Cause Set register raises
 * causes, and IVAR routes the five MSI-X causes to table entries 0-4
 * (82574 datasheet §10.2.4; QEMU 7.2 hw/net/e1000e_core.c). The recipe and
 * QEMU's throttling are in docs/platform.md, "e1000e and igb": one interrupt per vector per 128 us
 * of virtual time at most, so space raises >= E1000E_RAISE_GAP_US apart.
 */
#ifndef DOORBELL_DEV_E1000E_H
#define DOORBELL_DEV_E1000E_H

#include <stdint.h>

#include "drivers/pci/pci.h"

/* Registers in BAR0 (Linux e1000e regs.h / 82571.h). */
#define E1000E_CTRL_EXT 0x00018
#define E1000E_ICR      0x000c0 /* read clears */
#define E1000E_ITR      0x000c4
#define E1000E_ICS      0x000c8
#define E1000E_IMS      0x000d0
#define E1000E_IMC      0x000d8
#define E1000E_EIAC     0x000dc /* 82574: extended interrupt auto clear */
#define E1000E_IAM      0x000e0
#define E1000E_IVAR     0x000e4
#define E1000E_EITR(n)  (0x000e8 + 4 * (n)) /* 82574: per-vector throttling */

/* docs/platform.md, "e1000e and igb": RxQ0, RxQ1, TxQ0, TxQ1, Other -> entries 0..4 (valid bit 3 each). */
#define E1000E_IVAR_ROUTE    0x000cba98u
#define E1000E_CTRL_EXT_MSIX 0x88000000u
#define E1000E_MSIX_CAUSES   0x01f00000u /* ICR/ICS/IMS bits 20-24 */
#define E1000E_CAUSE_SHIFT   20
#define E1000E_MSIX_VECTORS  5
#define E1000E_RAISE_GAP_US  135 /* > QEMU 7.2's 128 us per-vector throttle */

struct e1000e_dev {
	struct pci_dev *pci;
	uint64_t regs; /* BAR0 */
	uint16_t cmd_saved;
	uint32_t ctrl_ext_saved;
	uint32_t ivar_saved;
};

/*
 * Find the instance-th e1000e, enable memory decode and bus mastering:
 * 0, or -ENODEV (absent or BAR0 not an assigned memory BAR).
 */
int e1000e_probe(struct e1000e_dev *n, unsigned instance);
/* Route the five causes to MSI-X entries 0-4 and enable them (the recipe). */
void e1000e_msix_route(struct e1000e_dev *n);
/* Raise the cause routed to MSI-X entry vector (0-4): one interrupt. */
void e1000e_raise(const struct e1000e_dev *n, unsigned vector);
/*
 * Mask every cause and wait out the throttle timers: call before MSI-X is
 * disabled. QEMU 7.2's e1000e asserts that MSI-X is still enabled when a
 * throttling timer armed by the last interrupt expires, and aborts.
 */
void e1000e_quiesce(struct e1000e_dev *n);
/* Mask every cause, clear what is pending, put routing and command back. */
void e1000e_release(struct e1000e_dev *n);

#endif
