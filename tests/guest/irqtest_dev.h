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
 * Aim the edu MSI at cpu and raise count interrupts in lockstep (each waited
 * for before the next), then check the per-CPU deltas (label in the
 * diagnostics). Returns how many arrived in lockstep (count when all did);
 * *ok says whether the move and the deltas were right; *ticks gets the
 * counter ticks the raises took.
 */
uint32_t irqtest_msi_lockstep(struct dtest_ctx *t, struct irqtest_msi *s, unsigned cpu,
			      uint32_t count, const char *label, uint64_t *ticks, bool *ok);

#define IRQTEST_MSIX_MAX 5

struct irqtest_msix {
	struct e1000e_dev nic;
	struct pci_msix_domain mx;
	virq_t virq; /* entries 0 .. nr-1 are virq .. virq + nr - 1 */
	unsigned nr;
	struct irqtest_counter counter[IRQTEST_MSIX_MAX];
	bool have_domain;
};

/* e1000e MSI-X entries 0 .. nr-1 aimed at cpu, routed by the DESIGN §4 recipe. */
bool irqtest_msix_open(struct dtest_ctx *t, struct irqtest_msix *s, unsigned nr, unsigned cpu,
		       bool unmask);
void irqtest_msix_close(struct irqtest_msix *s);

#endif
