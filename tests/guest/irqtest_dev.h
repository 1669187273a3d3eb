/* SPDX-License-Identifier: MIT */
/*
 * Sessions for the msi.* and msix.* guest tests: the device, its bus domain
 * on the platform's interrupt domain, the interrupts with a counting
 * handler, activated (and unmasked where the level can). Close undoes
 * everything that open did, also after a failure, and puts the device back.
 */
#ifndef DOORBELL_TESTS_GUEST_IRQTEST_DEV_H
#define DOORBELL_TESTS_GUEST_IRQTEST_DEV_H

#include <stdbool.h>

#include "drivers/pci/dev_e1000e.h"
#include "drivers/pci/dev_edu.h"
#include "drivers/pci/dev_igb.h"
#include "drivers/pci/pci_msi.h"
#include "drivers/pci/pci_msix.h"
#include "tests/guest/irqtest.h"

struct irqtest_msi {
	struct edu_dev edu;
	struct pci_msi_domain md;
	virq_t virq;
	struct irqtest_counter counter;
	bool have_domain;
};

/*
 * edu MSI, one vector aimed at cpu: true when ready; false when the test
 * was skipped or failed (already reported). Call irqtest_msi_close anyway.
 */
bool irqtest_msi_open(struct dtest_ctx *t, struct irqtest_msi *s, unsigned cpu);
void irqtest_msi_close(struct irqtest_msi *s);
/* Raise one edu MSI and wait for it: true when the counter reached want. */
bool irqtest_msi_fire(struct irqtest_msi *s, uint64_t want);
/*
 * Write msg into d's MSI capability behind its bus domain's back (a forged
 * or bare message, as a buggy driver could): vector 0's address and data.
 */
void irqtest_msi_cap_write(const struct pci_dev *d, const struct pci_msi_info *cap,
			   const struct msi_msg *msg);
/*
 * Aim the edu MSI at cpu and raise count interrupts in lockstep (each waited
 * for before the next), then check the per-CPU deltas (label in the
 * diagnostics). Returns how many arrived in lockstep (count when all did);
 * *ok says whether the move and the deltas were right; *ticks gets the
 * counter ticks the raises took.
 */
uint32_t irqtest_msi_lockstep(struct dtest_ctx *t, struct irqtest_msi *s, unsigned cpu,
			      uint32_t count, const char *label, uint64_t *ticks, bool *ok);

/*
 * The MSI-X test device: igb when the configuration has one (QEMU 8.0+: one
 * message per raise, exact counts everywhere), else e1000e (exact only under
 * icount with raises spaced for its throttle, docs/platform.md, "e1000e and igb"). The tests raise and
 * count through this and never name the device.
 */
enum irqtest_msix_kind {
	IRQTEST_MSIX_IGB,
	IRQTEST_MSIX_E1000E,
};

struct irqtest_msix_dev {
	enum irqtest_msix_kind kind;
	struct pci_dev *pci;
	struct igb_dev igb;
	struct e1000e_dev e1000e;
};

/*
 * igb when the configuration has one, else e1000e, probed (decode and bus
 * mastering on): 0 or -ENODEV. The same choice as the `msix.device` fact and
 * DTEST_NEED_MSIX_DEV (kernel/main.c).
 */
int irqtest_msix_dev_probe(struct irqtest_msix_dev *d);
const char *irqtest_msix_dev_name(const struct irqtest_msix_dev *d);
/* MSI-X entries the device raises: 0 .. count - 1. */
unsigned irqtest_msix_dev_entries(const struct irqtest_msix_dev *d);
/* Route every entry for raising (its interrupts enabled, nothing pending). */
void irqtest_msix_dev_route(struct irqtest_msix_dev *d);
/* One raise of entry: one interrupt (e1000e: see irqtest_msix_dev_gap_us). */
void irqtest_msix_dev_raise(const struct irqtest_msix_dev *d, unsigned entry);
/* The least time between two raises of one entry: 0 (igb), E1000E_RAISE_GAP_US (e1000e). */
unsigned irqtest_msix_dev_gap_us(const struct irqtest_msix_dev *d);
/*
 * Whether every surplus interrupt is a failure: on igb, always. On e1000e a
 * surplus is held to the known gap that explains it (irqtest_msix_gap): a
 * TODO on the QEMU versions that have it, a failure anywhere else.
 */
bool irqtest_msix_dev_exact(const struct irqtest_msix_dev *d);
/* Before MSI-X is disabled: stop raising (e1000e: wait out its throttle timers). */
void irqtest_msix_dev_quiesce(struct irqtest_msix_dev *d);
/* Put the device back as probe found it. */
void irqtest_msix_dev_release(struct irqtest_msix_dev *d);

#define IRQTEST_MSIX_MAX 5

struct irqtest_msix {
	struct irqtest_msix_dev dev;
	struct pci_msix_domain mx;
	virq_t virq; /* entries 0 .. nr-1 are virq .. virq + nr - 1 */
	unsigned nr;
	struct irqtest_counter counter[IRQTEST_MSIX_MAX];
	bool have_domain;
};

/* The MSI-X test device's entries 0 .. nr-1 aimed at cpu, routed for raising. */
bool irqtest_msix_open(struct dtest_ctx *t, struct irqtest_msix *s, unsigned nr, unsigned cpu,
		       bool unmask);
void irqtest_msix_close(struct irqtest_msix *s);

#endif
