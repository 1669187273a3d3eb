/* SPDX-License-Identifier: MIT */
/*
 * Shared by the its.* guest tests: the ITS remap domain's state, a probe
 * interrupt mapped for any DeviceID through the domain itself (to see
 * which DeviceID a write arrives with), the edu device's DMA engine used
 * as a bus master that writes without a requester id (docs/platform.md, "ITS DeviceID 0"), the
 * doorbell address a device's message must carry (behind an SMMU), a CPU
 * write to GITS_TRANSLATER, and rewriting the MSI data edu holds.
 */
#ifndef DOORBELL_TESTS_GUEST_ITSTEST_H
#define DOORBELL_TESTS_GUEST_ITSTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/irqchip/gic_its_init.h"
#include "kernel/irq/irq_cpu.h"
#include "tests/guest/irqtest_dev.h"

#define ITSTEST_QUIET_US 20000   /* how long an interrupt that must not come is waited for */
#define ITSTEST_DMA_US   1000000 /* an edu DMA completes 100 ms of virtual time later */

/* The ITS domain, or SKIP (false) when the ITS is off. */
struct gic_its_domain *itstest_domain(struct dtest_ctx *t);

/* Where an interrupt's event lives in the ITS: DeviceID, EventID, and the device's ITT size. */
struct itstest_event {
	uint32_t dev_id, event, nevents;
};
/* Fill ev for virq (a level in d): true, or a failure reported. */
bool itstest_event_of(struct dtest_ctx *t, struct gic_its_domain *d, virq_t virq,
		      struct itstest_event *ev);
/*
 * edu's MSI on CPU 0 through the ITS domain d (its parent checked), and where
 * its event lives: true when ready; false when skipped or failed (reported).
 * Close with irqtest_msi_close anyway.
 */
bool itstest_msi_open(struct dtest_ctx *t, struct gic_its_domain *d, struct irqtest_msi *s,
		      struct itstest_event *ev);

/* An interrupt of the ITS domain for requester id rid on cpu, counted. */
struct itstest_probe {
	virq_t virq;
	uint32_t dev_id, event;
	struct irqtest_counter counter;
};
bool itstest_probe_open(struct dtest_ctx *t, struct itstest_probe *p, uint32_t rid, unsigned cpu);
void itstest_probe_close(struct itstest_probe *p);

/*
 * edu DMA: value from RAM (mapped for edu with dma_map) into its buffer, then
 * from the buffer to bus address bus (behind a stage-1 context: an IOVA).
 * 0, -ENOMEM, dma_map's errors or -ETIMEDOUT.
 */
int itstest_edu_dma_write32(const struct edu_dev *e, uint64_t bus, uint32_t value);
/*
 * The address a message for requester id rid carries is the doorbell as that
 * device reaches it: GITS_TRANSLATER when nothing translates rid's writes;
 * with an SMMUv3 stage-1 context, an IOVA in the MSI window that the
 * context's tables map onto GITS_TRANSLATER (through the host's stage 2
 * when nested; or an address in the stream's RMR window); with stage 2
 * only, an IPA that stage 2 maps onto it. A failure names label.
 */
bool itstest_expect_doorbell(struct dtest_ctx *t, const char *label, uint32_t rid, uint64_t addr);
/* A 32-bit CPU store to the ITS's GITS_TRANSLATER. */
void itstest_cpu_write_translater(uint32_t value);
/* Rewrite the MSI data register edu holds (behind the bus domain's back; restore it after). */
void itstest_edu_msi_data(const struct edu_dev *e, uint16_t data);
uint16_t itstest_edu_msi_data_get(const struct edu_dev *e);

#endif
