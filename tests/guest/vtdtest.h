/* SPDX-License-Identifier: MIT */
/*
 * Shared by the vtd.* guest tests: an edu MSI session through the remap
 * domain, its chain (bus -> remap -> vector), a spare IRTE, and forged
 * messages. A forged message is written straight into edu's MSI capability
 * and raised (edu register 0x60): a real MSI write from the device, with
 * its requester id, that goes through remapping. Every forged entry points
 * at the session's own vector and CPU, so a message the unit lets through
 * is counted against the session's virq.
 */
#ifndef DOORBELL_TESTS_GUEST_VTDTEST_H
#define DOORBELL_TESTS_GUEST_VTDTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/vtd/vtd_ir_domain.h"
#include "tests/guest/irqtest_dev.h"

struct vtdtest {
	struct irqtest_msi s;
	struct vtd_ir_domain *vd;
	struct irq_data *remap, *vec; /* the virq's remap and vector levels */
	struct pci_msi_info cap;
	uint32_t spare; /* an IRTE index the domain does not use */
};

/* Session on cpu; false when skipped or failed (reported). Call vtdtest_close anyway. */
bool vtdtest_open(struct dtest_ctx *t, struct vtdtest *v, unsigned cpu);
void vtdtest_close(struct vtdtest *v);

/* The vector level's compatibility-format message for the session's target. */
int vtdtest_compat_msg(const struct vtdtest *v, struct msi_msg *msg);

/* What one forged message did. */
struct vtdtest_shot {
	uint64_t delivered;  /* to the session's virq, all CPUs, the control left out */
	uint64_t unexpected; /* unexpected + spurious, all CPUs */
	bool control;        /* the real message raised after it arrived */
};
/*
 * Store msg in edu's capability and raise once; take what that left
 * pending, restore the real message and raise again as the positive
 * control, and wait (with a deadline) for it: once the control has
 * arrived, the forged raise, which edu sent first, has been delivered or
 * blocked. The session's CPU must be the current one (vtdtest_open with
 * arch_cpu_current()). A control that never arrives fails t: the device
 * or the path is broken, and "not delivered" would mean nothing.
 */
struct vtdtest_shot vtdtest_send(struct dtest_ctx *t, struct vtdtest *v, const struct msi_msg *msg);
/* The same, leaving the control's absence to the caller (shot.control). */
struct vtdtest_shot vtdtest_send_raw(struct vtdtest *v, const struct msi_msg *msg);

/*
 * The source-id fields the session's IRTE must hold for edu (its requester
 * id, or the bus range behind a PCIe-to-PCI bridge), and the id its MSI
 * writes carry at the root complex (what a fault record names).
 */
void vtdtest_source(const struct vtdtest *v, struct vtd_irte_fields *f, uint16_t *arrives);

/* The edu capability's message as the device holds it (raw config reads). */
void vtdtest_read_cap(const struct vtdtest *v, struct msi_msg *msg);

#endif
