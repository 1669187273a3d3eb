/* SPDX-License-Identifier: MIT */
/*
 * The HPET's FSB interrupt delivery as a bus domain "hpet<number>" (IA-PC
 * HPET spec 1.0a §2.3.8: Tn_FSB_INT_DEL_CAP, Tn_FSB_EN_CNF, and the
 * Tn_FSB_INT_ROUTE register: address in 63:32, value in 31:0): each timer
 * with FSB delivery is one interrupt (hwirq = timer, irq_alloc's
 * info.index). The domain sits on the remap domain of the unit whose DMAR
 * HPET scope names the HPET's number, with that scope's source-id (Linux:
 * set_hpet_sid), or on the vector domain when remapping is off. With
 * remapping on and no HPET scope its messages would not be remapped: it is
 * refused, with the reason, as Linux refuses the HPET's MSIs.
 */
#ifndef DOORBELL_HPET_MSI_DOMAIN_H
#define DOORBELL_HPET_MSI_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/hpet/hpet.h"
#include "kernel/irq/irq_domain.h"

#define HPET_MSI_MAX_TIMERS 32

struct hpet_msi_domain {
	struct irq_domain domain;
	char name[16];
	struct hpet *hpet;
	bool remapped;
	uint16_t sid;
	uint32_t used;   /* timers allocated */
	uint32_t masked; /* timers masked */
	struct msi_msg msg[HPET_MSI_MAX_TIMERS];
};

/*
 * Register d over the platform's parent for h: 0, -EOPNOTSUPP with *why
 * (remapping on, no DMAR HPET scope names h), or irq_domain_create's errno.
 */
int hpet_msi_domain_create(struct hpet_msi_domain *d, struct hpet *h, const char **why);
/* Allocation info for timer n (ids.rid = the source-id when remapped). */
void hpet_msi_alloc_info(const struct hpet_msi_domain *d, unsigned n, irq_cpu_t cpu,
			 struct irq_alloc_info *info);

extern const struct irq_domain_ops hpet_msi_domain_ops;

#endif
