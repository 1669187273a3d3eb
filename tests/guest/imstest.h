/* SPDX-License-Identifier: MIT */
/*
 * Shared by the ims.* guest tests: the virtual IMS device on edu, its IMS
 * domain on the platform's MSI parent, and slots allocated to chosen CPUs
 * with counting handlers. Close undoes everything open did.
 *
 * Where the platform policy refuses IMS (and the configuration does not
 * force it) the delivery tests SKIP with the policy's reason; ims.policy is
 * the test that asserts the refusal itself.
 */
#ifndef DOORBELL_TESTS_GUEST_IMSTEST_H
#define DOORBELL_TESTS_GUEST_IMSTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/ims/ims_domain.h"
#include "drivers/ims/ims_edu.h"
#include "kernel/msi_parent.h"
#include "kernel/policy/policy.h"
#include "tests/guest/irqtest.h"

#define IMSTEST_SLOTS     32    /* the floor; each slot costs a few edu DMAs */
#define IMSTEST_SETTLE_US 20000 /* after a fire that must not deliver */

struct imstest {
	struct ims_edu dev;
	struct ims_domain im;
	bool have_dev, have_domain;
	/*
	 * edu's record: the platform's ids, with the DeviceID the device's own
	 * writes were found to arrive with (imstest_open) as the override.
	 */
	struct msi_dev msi;
	uint32_t dma_rid; /* that DeviceID (fact ims.dma_rid) */
	virq_t virq[IMSTEST_SLOTS];
	struct irqtest_counter counter[IMSTEST_SLOTS];
};

/* The session's storage (one session at a time: the device is one edu). */
struct imstest *imstest_get(void);

/*
 * Device + domain: true when ready; false when skipped (no edu, DMA
 * clamped, no interrupt domain, policy refusal) or failed, already reported.
 */
bool imstest_open(struct dtest_ctx *t, struct imstest *s);
void imstest_close(struct imstest *s);
/* Allocate slot aimed at cpu, count it, activate, unmask: true when done. */
bool imstest_slot(struct dtest_ctx *t, struct imstest *s, uint32_t slot, unsigned cpu);
/*
 * The device fires slot; true when its counter reached want in time. A
 * slot that never arrives is a failure with its stored message in the
 * diagnostics (label names the step).
 */
bool imstest_fire(struct dtest_ctx *t, struct imstest *s, uint32_t slot, uint64_t want,
		  const char *label);
/* The slot's stored message equals what the irq core last composed for it. */
bool imstest_check_stored(struct dtest_ctx *t, struct imstest *s, uint32_t slot,
			  struct ims_edu_slot *out);
/*
 * Store msg unmasked in slot as it is (a forged content the domain did not
 * compose) and make the device fire it; take what that left pending, then
 * fire the live slot control (one the domain composed) as the positive
 * control and wait for it with a deadline: the device's writes are posted
 * in order, so once the control has arrived the forged write has been
 * delivered or blocked. Returns how many interrupts arrived anywhere, the
 * control left out (a line for the log says which); a control that never
 * arrives fails t.
 */
uint64_t imstest_forged_shot(struct dtest_ctx *t, struct imstest *s, uint32_t slot,
			     uint32_t control, const char *label, const struct msi_msg *msg);
/* Counts of every allocated slot, and unexpected/spurious, for "nothing delivered". */
uint64_t imstest_total(const struct imstest *s);
/* "remapped", "native" or "demonstration" words for the report. */
void imstest_label(const struct imstest *s);

/*
 * The oracle (imstest_oracle.c): what the platform policy decided for IMS.
 * refused: no domain; forced: created against the refusal (ims=force), a
 * demonstration; native: on the bottom level that composes compatibility
 * format (x86 vectors); remapped: on a remap level (VT-d IRTEs, GIC ITS).
 * The parent is a remap level exactly when the policy turned remapping on.
 */
enum imstest_mode {
	IMSTEST_MODE_REFUSED,
	IMSTEST_MODE_NATIVE,
	IMSTEST_MODE_REMAPPED,
	IMSTEST_MODE_FORCED,
};
enum imstest_mode imstest_policy_mode(const struct policy *p);
const char *imstest_mode_name(enum imstest_mode m); /* refused|native|remapped|forced */
/* parent (the MSI parent IMS was asked of) is the kind the policy's remapping decision gives. */
bool imstest_expect_parent(struct dtest_ctx *t, const struct irq_domain *parent);
/* s's domain was created: on parent, in a mode the policy allows, labelled as it says. */
bool imstest_expect_placement(struct dtest_ctx *t, const struct imstest *s,
			      const struct irq_domain *parent);
/* Creation on parent was refused with err: the policy refuses IMS there. */
bool imstest_expect_refusal(struct dtest_ctx *t, const struct irq_domain *parent, int err,
			    const char *why);

#endif
