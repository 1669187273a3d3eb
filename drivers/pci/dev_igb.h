/* SPDX-License-Identifier: MIT */
/*
 * Intel 82576 as QEMU emulates it (igb, 8086:10c9, QEMU 8.0+): the harness's
 * MSI-X source where exact counts matter. No link, no rings. In MSI-X mode
 * (GPIE.Multiple_MSIX) each bit n of the extended interrupt cause registers
 * is MSI-X vector n (82576 datasheet §7.3, §8.8): a write of bit n to EICS
 * sets EICR[n]; with EIMS[n] set the device sends vector n once, and EIAC[n]
 * clears EICR[n] again, so the next write raises again. EITR resets to 0
 * (no throttling): one write, one message, also without icount, unlike
 * e1000e (docs/platform.md, "e1000e and igb"). A masked entry keeps it pending in the PBA.
 */
#ifndef DOORBELL_DEV_IGB_H
#define DOORBELL_DEV_IGB_H

#include <stdint.h>

#include "drivers/pci/pci.h"

/* Registers in BAR0 (82576 datasheet §8.8; Linux igb e1000_regs.h). */
#define IGB_IMC        0x000d8 /* legacy causes' mask clear */
#define IGB_GPIE       0x01514
#define IGB_EICS       0x01520 /* write 1s: set EICR bits */
#define IGB_EIMS       0x01524 /* write 1s: enable; reads the mask */
#define IGB_EIMC       0x01528 /* write 1s: disable */
#define IGB_EIAC       0x0152c /* auto-clear EICR after the message */
#define IGB_EIAM       0x01530
#define IGB_EICR       0x01580             /* read clears */
#define IGB_EITR(n)    (0x01680 + 4 * (n)) /* per-vector throttling, 0 = off */
#define IGB_EITR_COUNT 25

/* GPIE bits (82576 §8.8.1; Linux e1000_defines.h). */
#define IGB_GPIE_NSICR     (1u << 0)
#define IGB_GPIE_MSIX_MODE (1u << 4) /* Multiple_MSIX: one EICR bit per vector */
#define IGB_GPIE_EIAME     (1u << 30)
#define IGB_GPIE_PBA       (1u << 31) /* PBA support, as drivers set it */

/* QEMU hw/net/igb.c: 10 MSI-X vectors in BAR3, table at 0, PBA at 0x2000. */
#define IGB_MSIX_VECTORS 10

struct igb_dev {
	struct pci_dev *pci;
	uint64_t regs; /* BAR0 */
	uint16_t cmd_saved;
	uint32_t gpie_saved;
	unsigned vectors; /* routed by igb_msix_route */
};

/* GPIE with MSI-X mode on: PBA support too, no auto-masking (EIAME), rest kept. */
uint32_t igb_gpie_msix(uint32_t gpie);
/* EICS/EIMS/EIAC bits of vectors first .. first + count - 1 (0 when out of range). */
uint32_t igb_vector_bits(unsigned first, unsigned count);

/*
 * Find the instance-th igb, enable memory decode and bus mastering:
 * 0, or -ENODEV (absent or BAR0 not an assigned memory BAR).
 */
int igb_probe(struct igb_dev *n, unsigned instance);
/*
 * MSI-X mode, throttling off, vectors 0 .. count-1 enabled and auto-cleared:
 * 0, or -EINVAL when count is 0 or above IGB_MSIX_VECTORS.
 */
int igb_msix_route(struct igb_dev *n, unsigned count);
/* Raise MSI-X vector (routed by igb_msix_route): one interrupt. */
void igb_raise(const struct igb_dev *n, unsigned vector);
/* Disable every vector and clear what is pending, put GPIE and command back. */
void igb_release(struct igb_dev *n);

#endif
